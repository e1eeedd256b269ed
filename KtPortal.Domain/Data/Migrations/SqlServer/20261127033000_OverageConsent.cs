using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OverageConsent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AskBeforeOverage",
                table: "Clients",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ApprovedOverageMinutes",
                table: "BillingPeriods",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OverageConsent",
                table: "BillingPeriods",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverageConsentDecidedAtUtc",
                table: "BillingPeriods",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverageConsentDecidedById",
                table: "BillingPeriods",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverageConsentRequestedAtUtc",
                table: "BillingPeriods",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "OverageConsentRound",
                table: "BillingPeriods",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AskBeforeOverage",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "ApprovedOverageMinutes",
                table: "BillingPeriods");

            migrationBuilder.DropColumn(
                name: "OverageConsent",
                table: "BillingPeriods");

            migrationBuilder.DropColumn(
                name: "OverageConsentDecidedAtUtc",
                table: "BillingPeriods");

            migrationBuilder.DropColumn(
                name: "OverageConsentDecidedById",
                table: "BillingPeriods");

            migrationBuilder.DropColumn(
                name: "OverageConsentRequestedAtUtc",
                table: "BillingPeriods");

            migrationBuilder.DropColumn(
                name: "OverageConsentRound",
                table: "BillingPeriods");
        }
    }
}

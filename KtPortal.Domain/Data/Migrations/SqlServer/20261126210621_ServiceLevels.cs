using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ServiceLevels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SlaAlert",
                table: "Tickets",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaAtRiskUtc",
                table: "Tickets",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaDueUtc",
                table: "Tickets",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SlaPaused",
                table: "Tickets",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "SlaResolutionMet",
                table: "Tickets",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SlaResponseMet",
                table: "Tickets",
                type: "bit",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SlaStage",
                table: "Tickets",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "None");

            migrationBuilder.AddColumn<int>(
                name: "SlaPolicyId",
                table: "Plans",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlaPolicyId",
                table: "Clients",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgencyHolidays",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyHolidays", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "BusinessHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    OpenDays = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    Opens = table.Column<TimeOnly>(type: "time", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "time", nullable: false),
                    HolidayCountry = table.Column<string>(type: "nvarchar(8)", maxLength: 8, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessHours", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TicketSlaPauses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TicketId = table.Column<int>(type: "int", nullable: false),
                    FromUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ToUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketSlaPauses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketSlaPauses_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaTargets",
                columns: table => new
                {
                    Priority = table.Column<int>(type: "int", nullable: false),
                    PolicyId = table.Column<int>(type: "int", nullable: false),
                    Basis = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ResponseMinutes = table.Column<int>(type: "int", nullable: true),
                    ResolutionMinutes = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaTargets", x => new { x.PolicyId, x.Priority });
                    table.ForeignKey(
                        name: "FK_SlaTargets_SlaPolicies_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "SlaPolicies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ClientId_CreatedAtUtc_Priority_SlaResponseMet_SlaResolutionMet",
                table: "Tickets",
                columns: new[] { "ClientId", "CreatedAtUtc", "Priority", "SlaResponseMet", "SlaResolutionMet" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_SlaAtRiskUtc_SlaAlert",
                table: "Tickets",
                columns: new[] { "SlaAtRiskUtc", "SlaAlert" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_SlaDueUtc_Number",
                table: "Tickets",
                columns: new[] { "Status", "SlaDueUtc", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Plans_SlaPolicyId",
                table: "Plans",
                column: "SlaPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_SlaPolicyId",
                table: "Clients",
                column: "SlaPolicyId");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Name",
                table: "SlaPolicies",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketSlaPauses_TicketId_FromUtc",
                table: "TicketSlaPauses",
                columns: new[] { "TicketId", "FromUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_Clients_SlaPolicies_SlaPolicyId",
                table: "Clients",
                column: "SlaPolicyId",
                principalTable: "SlaPolicies",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);

            migrationBuilder.AddForeignKey(
                name: "FK_Plans_SlaPolicies_SlaPolicyId",
                table: "Plans",
                column: "SlaPolicyId",
                principalTable: "SlaPolicies",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Clients_SlaPolicies_SlaPolicyId",
                table: "Clients");

            migrationBuilder.DropForeignKey(
                name: "FK_Plans_SlaPolicies_SlaPolicyId",
                table: "Plans");

            migrationBuilder.DropTable(
                name: "AgencyHolidays");

            migrationBuilder.DropTable(
                name: "BusinessHours");

            migrationBuilder.DropTable(
                name: "SlaTargets");

            migrationBuilder.DropTable(
                name: "TicketSlaPauses");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ClientId_CreatedAtUtc_Priority_SlaResponseMet_SlaResolutionMet",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_SlaAtRiskUtc_SlaAlert",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_SlaDueUtc_Number",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Plans_SlaPolicyId",
                table: "Plans");

            migrationBuilder.DropIndex(
                name: "IX_Clients_SlaPolicyId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "SlaAlert",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaAtRiskUtc",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaDueUtc",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaPaused",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaResolutionMet",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaResponseMet",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaStage",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "SlaPolicyId",
                table: "Plans");

            migrationBuilder.DropColumn(
                name: "SlaPolicyId",
                table: "Clients");
        }
    }
}

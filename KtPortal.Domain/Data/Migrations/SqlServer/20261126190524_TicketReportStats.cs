using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TicketReportStats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FirstResponseMinutes",
                table: "Tickets",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResolutionMinutes",
                table: "Tickets",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "TicketDayStats",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Measure = table.Column<int>(type: "int", nullable: false),
                    Priority = table.Column<int>(type: "int", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Band = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketDayStats", x => new { x.Day, x.Measure, x.Priority, x.Type, x.Band });
                });

            // Minutes for existing tickets before the indexes over them are built; the day counts follow at start-up.
            migrationBuilder.Sql(TicketMinutesBackfill.SqlServer);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ClientId_CreatedAtUtc",
                table: "Tickets",
                columns: new[] { "ClientId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ClientId_ResolvedAtUtc",
                table: "Tickets",
                columns: new[] { "ClientId", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_FirstResponseMinutes_CreatedAtUtc",
                table: "Tickets",
                columns: new[] { "FirstResponseMinutes", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Priority_Type_FirstResponseMinutes_CreatedAtUtc",
                table: "Tickets",
                columns: new[] { "Priority", "Type", "FirstResponseMinutes", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Priority_Type_ResolutionMinutes_ResolvedAtUtc",
                table: "Tickets",
                columns: new[] { "Priority", "Type", "ResolutionMinutes", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_ResolutionMinutes_ResolvedAtUtc",
                table: "Tickets",
                columns: new[] { "ResolutionMinutes", "ResolvedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_Status_CreatedAtUtc",
                table: "Tickets",
                columns: new[] { "Status", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TicketDayStats_Day_Measure_Priority_Type_Band_Count",
                table: "TicketDayStats",
                columns: new[] { "Day", "Measure", "Priority", "Type", "Band", "Count" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TicketDayStats");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ClientId_CreatedAtUtc",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ClientId_ResolvedAtUtc",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_FirstResponseMinutes_CreatedAtUtc",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Priority_Type_FirstResponseMinutes_CreatedAtUtc",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Priority_Type_ResolutionMinutes_ResolvedAtUtc",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_ResolutionMinutes_ResolvedAtUtc",
                table: "Tickets");

            migrationBuilder.DropIndex(
                name: "IX_Tickets_Status_CreatedAtUtc",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "FirstResponseMinutes",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "ResolutionMinutes",
                table: "Tickets");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TimeEntryReportColumns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_InvoiceId",
                table: "TimeEntries");

            migrationBuilder.AddColumn<int>(
                name: "ChargedMinutes",
                table: "TimeEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ClientId",
                table: "TimeEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "SupportTypeId",
                table: "TimeEntries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Existing time gets its ticket's client and support type, and its charge by the rule the keeper applies from
            // now on, before the indexes are built over them.
            migrationBuilder.Sql(TimeEntryBackfill.Sqlite);

            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_ClientId_WorkDate_SupportTypeId_Billable_Minutes_ChargedMinutes",
                table: "TimeEntries",
                columns: new[] { "ClientId", "WorkDate", "SupportTypeId", "Billable", "Minutes", "ChargedMinutes" });

            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_InvoiceId_Billable_ClientId_Minutes_ChargedMinutes",
                table: "TimeEntries",
                columns: new[] { "InvoiceId", "Billable", "ClientId", "Minutes", "ChargedMinutes" });

            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_WorkDate_StaffId_Billable_Minutes_ChargedMinutes",
                table: "TimeEntries",
                columns: new[] { "WorkDate", "StaffId", "Billable", "Minutes", "ChargedMinutes" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_ClientId_WorkDate_SupportTypeId_Billable_Minutes_ChargedMinutes",
                table: "TimeEntries");

            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_InvoiceId_Billable_ClientId_Minutes_ChargedMinutes",
                table: "TimeEntries");

            migrationBuilder.DropIndex(
                name: "IX_TimeEntries_WorkDate_StaffId_Billable_Minutes_ChargedMinutes",
                table: "TimeEntries");

            migrationBuilder.DropColumn(
                name: "ChargedMinutes",
                table: "TimeEntries");

            migrationBuilder.DropColumn(
                name: "ClientId",
                table: "TimeEntries");

            migrationBuilder.DropColumn(
                name: "SupportTypeId",
                table: "TimeEntries");

            migrationBuilder.CreateIndex(
                name: "IX_TimeEntries_InvoiceId",
                table: "TimeEntries",
                column: "InvoiceId");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TimeEntryChargedMinutes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChargedMinutes",
                table: "TimeEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Existing time gets its charge from the same rule the keeper applies from now on.
            migrationBuilder.Sql(ChargedMinutesBackfill.SqlServer);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChargedMinutes",
                table: "TimeEntries");
        }
    }
}

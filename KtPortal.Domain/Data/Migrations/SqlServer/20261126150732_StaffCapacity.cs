using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StaffCapacity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "WeeklyCapacityMinutes",
                table: "AspNetUsers",
                type: "int",
                nullable: false,
                // People who exist already get the default a new person gets (StaffCapacity.DefaultWeeklyMinutes: 40 h).
                defaultValue: 2400);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "WeeklyCapacityMinutes",
                table: "AspNetUsers");
        }
    }
}

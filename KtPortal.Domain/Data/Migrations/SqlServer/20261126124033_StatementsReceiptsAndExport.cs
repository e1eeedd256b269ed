using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StatementsReceiptsAndExport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attachment",
                table: "OutboxMessages",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "MonthlyStatement",
                table: "Clients",
                type: "bit",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Attachment",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "MonthlyStatement",
                table: "Clients");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TicketFirstResponse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "FirstResponseAtUtc",
                table: "Tickets",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Tickets_CreatedAtUtc",
                table: "Tickets",
                column: "CreatedAtUtc");

            // Tickets answered before the column existed: their first public reply by staff (no client behind the author).
            migrationBuilder.Sql(
                """
                UPDATE Tickets SET FirstResponseAtUtc = (
                    SELECT MIN(c.CreatedAtUtc) FROM TicketComments c JOIN AspNetUsers u ON u.Id = c.AuthorId
                    WHERE c.TicketId = Tickets.Id AND c.IsInternal = 0 AND u.ClientId IS NULL)
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tickets_CreatedAtUtc",
                table: "Tickets");

            migrationBuilder.DropColumn(
                name: "FirstResponseAtUtc",
                table: "Tickets");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgencySettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IssuerSnapshot",
                table: "Invoices",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AgencyLogos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Height = table.Column<int>(type: "INTEGER", nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencyLogos", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AgencySettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AddressLines = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PaymentInstructions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BankAccountHolder = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BankAccountNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BankRoutingNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BankIban = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    BankBic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DefaultPaymentTermsDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DefaultTaxRateBasisPoints = table.Column<int>(type: "INTEGER", nullable: false),
                    InvoicePrefix = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    TimeZoneId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    PortalBaseUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    LogoId = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AgencySettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AgencySettings_AgencyLogos_LogoId",
                        column: x => x.LogoId,
                        principalTable: "AgencyLogos",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgencySettings_LogoId",
                table: "AgencySettings",
                column: "LogoId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AgencySettings");

            migrationBuilder.DropTable(
                name: "AgencyLogos");

            migrationBuilder.DropColumn(
                name: "IssuerSnapshot",
                table: "Invoices");
        }
    }
}

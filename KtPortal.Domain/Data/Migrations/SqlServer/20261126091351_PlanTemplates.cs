using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PlanTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlanTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    IncludedMinutes = table.Column<int>(type: "int", nullable: false),
                    MonthlyFeeMinor = table.Column<long>(type: "bigint", nullable: false),
                    CoveredSupportTypeIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    DevelopmentRateMinor = table.Column<long>(type: "bigint", nullable: true),
                    SupportRateMinor = table.Column<long>(type: "bigint", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanTemplates", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "PlanTemplates",
                columns: new[] { "Id", "ConcurrencyStamp", "CoveredSupportTypeIds", "DevelopmentRateMinor", "IncludedMinutes", "MonthlyFeeMinor", "Name", "SupportRateMinor", "UpdatedAtUtc" },
                values: new object[,]
                {
                    { 1, new Guid("b6f0e4f2-59a4-4c11-9a51-5f4a0e0c0001"), "[1,2]", null, 600, 50000L, "Basic Maintenance", null, new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 2, new Guid("b6f0e4f2-59a4-4c11-9a51-5f4a0e0c0002"), "[1,2]", null, 1200, 95000L, "Standard Maintenance", null, new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { 3, new Guid("b6f0e4f2-59a4-4c11-9a51-5f4a0e0c0003"), "[1,2]", null, 2400, 180000L, "Premium Maintenance", null, new DateTime(2026, 11, 26, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_PlanTemplates_Name",
                table: "PlanTemplates",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PlanTemplates");
        }
    }
}

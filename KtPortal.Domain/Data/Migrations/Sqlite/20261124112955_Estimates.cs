using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Estimates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TicketEstimates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    Estimator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProposedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    LowMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    HighMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BasisKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LocalMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    FallbackReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AdjustedMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    AdjustedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AdjustedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AdjustmentNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketEstimates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketEstimates_AspNetUsers_AdjustedById",
                        column: x => x.AdjustedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketEstimates_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketQuotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketId = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    RateMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountMinor = table.Column<long>(type: "INTEGER", nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SentById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RespondedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RespondedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResponseNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketQuotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketQuotes_AspNetUsers_RespondedById",
                        column: x => x.RespondedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketQuotes_AspNetUsers_SentById",
                        column: x => x.SentById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TicketQuotes_Tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "Tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketEstimateSimilar",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TicketEstimateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    SameClient = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChargedMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    SimilarityPercent = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketEstimateSimilar", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TicketEstimateSimilar_TicketEstimates_TicketEstimateId",
                        column: x => x.TicketEstimateId,
                        principalTable: "TicketEstimates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TicketEstimates_AdjustedById",
                table: "TicketEstimates",
                column: "AdjustedById");

            migrationBuilder.CreateIndex(
                name: "IX_TicketEstimates_TicketId",
                table: "TicketEstimates",
                column: "TicketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TicketEstimateSimilar_TicketEstimateId",
                table: "TicketEstimateSimilar",
                column: "TicketEstimateId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketQuotes_RespondedById",
                table: "TicketQuotes",
                column: "RespondedById");

            migrationBuilder.CreateIndex(
                name: "IX_TicketQuotes_SentById",
                table: "TicketQuotes",
                column: "SentById");

            migrationBuilder.CreateIndex(
                name: "IX_TicketQuotes_TicketId_Status",
                table: "TicketQuotes",
                columns: new[] { "TicketId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TicketEstimateSimilar");

            migrationBuilder.DropTable(
                name: "TicketQuotes");

            migrationBuilder.DropTable(
                name: "TicketEstimates");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.SqlServer
{
    /// <summary>
    /// Full-text indexes for search (docs/search.md) on ticket titles and descriptions and on replies and notes,
    /// kept by SQL Server itself (change tracking auto). Full-text DDL cannot run inside a transaction, hence
    /// suppressTransaction. Where full-text search is not installed (LocalDB, some containers) nothing is created and
    /// the portal searches with LIKE instead, logging a warning (see TicketTextIndex).
    /// </summary>
    public partial class GlobalSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                IF FULLTEXTSERVICEPROPERTY('IsFullTextInstalled') = 1
                BEGIN
                    IF NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'KtPortalSearch')
                        EXEC(N'CREATE FULLTEXT CATALOG KtPortalSearch');
                    IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.Tickets'))
                        EXEC(N'CREATE FULLTEXT INDEX ON dbo.Tickets (Title, Description) KEY INDEX PK_Tickets ON KtPortalSearch WITH CHANGE_TRACKING AUTO');
                    IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.TicketComments'))
                        EXEC(N'CREATE FULLTEXT INDEX ON dbo.TicketComments (Body) KEY INDEX PK_TicketComments ON KtPortalSearch WITH CHANGE_TRACKING AUTO');
                END
                """, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.TicketComments'))
                    EXEC(N'DROP FULLTEXT INDEX ON dbo.TicketComments');
                IF EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.Tickets'))
                    EXEC(N'DROP FULLTEXT INDEX ON dbo.Tickets');
                IF EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'KtPortalSearch')
                    EXEC(N'DROP FULLTEXT CATALOG KtPortalSearch');
                """, suppressTransaction: true);
        }
    }
}

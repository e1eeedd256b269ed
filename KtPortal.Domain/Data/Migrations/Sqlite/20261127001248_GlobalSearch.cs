using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace KtPortal.Domain.Data.Migrations.Sqlite
{
    /// <summary>
    /// Full-text indexes for search (docs/search.md): FTS5 tables kept by triggers, so every writer (portal, e-mail,
    /// jobs, bulk updates) keeps them true in its own transaction. Contentless: the text stays in Tickets and
    /// TicketComments only. Scope holds one token: the client ("c12") and, for comments, whether public or internal
    /// ("c12p", "c12i"), so a client's search reads only its own rows' postings (one token: a second, "public",
    /// would be on most rows and cost a walk through all of them); the final query applies the ticket scope again.
    /// A later migration that rebuilds the Tickets or TicketComments table drops these triggers with it and must
    /// create them again (SearchIndexTests fails if it does not).
    /// </summary>
    public partial class GlobalSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE TicketSearch USING fts5(
                    Title, Description, Scope,
                    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3');
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE TicketCommentSearch USING fts5(
                    Body, Scope,
                    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='3');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_Insert AFTER INSERT ON Tickets BEGIN
                    INSERT INTO TicketSearch(rowid, Title, Description, Scope) VALUES (new.Id, new.Title, new.Description, 'c' || new.ClientId);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_Update AFTER UPDATE OF Title, Description, ClientId ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = old.Id;
                    INSERT INTO TicketSearch(rowid, Title, Description, Scope) VALUES (new.Id, new.Title, new.Description, 'c' || new.ClientId);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Tickets_Search_Delete AFTER DELETE ON Tickets BEGIN
                    DELETE FROM TicketSearch WHERE rowid = old.Id;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketComments_Search_Insert AFTER INSERT ON TicketComments BEGIN
                    INSERT INTO TicketCommentSearch(rowid, Body, Scope)
                    SELECT new.Id, new.Body, 'c' || t.ClientId || CASE WHEN new.IsInternal THEN 'i' ELSE 'p' END
                    FROM Tickets t WHERE t.Id = new.TicketId;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketComments_Search_Update AFTER UPDATE OF Body, IsInternal, TicketId ON TicketComments BEGIN
                    DELETE FROM TicketCommentSearch WHERE rowid = old.Id;
                    INSERT INTO TicketCommentSearch(rowid, Body, Scope)
                    SELECT new.Id, new.Body, 'c' || t.ClientId || CASE WHEN new.IsInternal THEN 'i' ELSE 'p' END
                    FROM Tickets t WHERE t.Id = new.TicketId;
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER TicketComments_Search_Delete AFTER DELETE ON TicketComments BEGIN
                    DELETE FROM TicketCommentSearch WHERE rowid = old.Id;
                END;
                """);
            migrationBuilder.Sql("""
                INSERT INTO TicketSearch(rowid, Title, Description, Scope)
                SELECT Id, Title, Description, 'c' || ClientId FROM Tickets;
                """);
            migrationBuilder.Sql("""
                INSERT INTO TicketCommentSearch(rowid, Body, Scope)
                SELECT c.Id, c.Body, 'c' || t.ClientId || CASE WHEN c.IsInternal THEN 'i' ELSE 'p' END
                FROM TicketComments c JOIN Tickets t ON t.Id = c.TicketId;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[]
            {
                "Tickets_Search_Insert", "Tickets_Search_Update", "Tickets_Search_Delete",
                "TicketComments_Search_Insert", "TicketComments_Search_Update", "TicketComments_Search_Delete",
            })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS {trigger};");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketCommentSearch;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS TicketSearch;");
        }
    }
}

using KtPortal.Domain.Data;
using Microsoft.Data.Sqlite;

namespace KtPortal.Tests.Domain.Data;

/// <summary>The backup command's copy: whole, readable with the search index, and refused rather than overwriting.</summary>
public sealed class SqliteOnlineBackupTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ktportal-backup-{Guid.NewGuid():N}")).FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> LiveDatabaseAsync()
    {
        var path = Path.Combine(_folder, "live.db");
        await using var db = new SqliteConnection($"Data Source={path}");
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        // WAL as the portal runs it, and a contentless-delete FTS5 table like the search index.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE Tickets (Id INTEGER PRIMARY KEY, Title TEXT NOT NULL);
            CREATE VIRTUAL TABLE TicketText USING fts5(Title, content='', contentless_delete=1);
            INSERT INTO Tickets (Title) VALUES ('Checkout broken'), ('Contact form');
            INSERT INTO TicketText (rowid, Title) SELECT Id, Title FROM Tickets;
            """;
        await command.ExecuteNonQueryAsync();
        return path;
    }

    [Fact]
    public async Task ShouldCopyTheLiveDatabase_SearchIndexIncluded()
    {
        var live = await LiveDatabaseAsync();
        var target = Path.Combine(_folder, "copy.db");

        var result = await SqliteOnlineBackup.CopyAsync($"Data Source={live}", target);

        result.Path.Should().Be(target);
        result.Bytes.Should().BeGreaterThan(0);
        File.Exists(target + ".partial").Should().BeFalse();
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = "SELECT t.Title FROM TicketText JOIN Tickets t ON t.Id = TicketText.rowid WHERE TicketText MATCH 'checkout'";
        (await command.ExecuteScalarAsync()).Should().Be("Checkout broken");
    }

    [Fact]
    public async Task ShouldRefuse_AnExistingFile_AMissingFolder_TheDatabaseItself_AndNoDatabase()
    {
        var live = await LiveDatabaseAsync();
        var existing = Path.Combine(_folder, "yesterday.db");
        await File.WriteAllTextAsync(existing, "keep me");

        var overwrite = () => SqliteOnlineBackup.CopyAsync($"Data Source={live}", existing);
        var noFolder = () => SqliteOnlineBackup.CopyAsync($"Data Source={live}", Path.Combine(_folder, "nope", "copy.db"));
        var itself = () => SqliteOnlineBackup.CopyAsync($"Data Source={live}", live);
        var nothing = () => SqliteOnlineBackup.CopyAsync($"Data Source={Path.Combine(_folder, "absent.db")}", Path.Combine(_folder, "copy.db"));

        await overwrite.Should().ThrowAsync<InvalidOperationException>().WithMessage("*already exists*never overwrites*");
        await noFolder.Should().ThrowAsync<InvalidOperationException>().WithMessage("*does not exist*");
        await itself.Should().ThrowAsync<InvalidOperationException>().WithMessage("*over the database itself*");
        await nothing.Should().ThrowAsync<InvalidOperationException>().WithMessage("*no database file*");
        (await File.ReadAllTextAsync(existing)).Should().Be("keep me");
        File.Exists(Path.Combine(_folder, "absent.db")).Should().BeFalse("a refused backup does not create the database it was asked to copy");
    }
}

using Microsoft.Data.Sqlite;

namespace KtPortal.Domain.Data;

/// <summary>
/// A consistent copy of a live SQLite database, made with SQLite's online backup while the portal keeps reading and
/// writing, through the portal's own SQLite build (Debian's <c>sqlite3</c> cannot open the search index's contentless
/// tables). The copy is written beside the destination and renamed into place when complete, so a failed or interrupted
/// backup never leaves a file that looks like a backup.
/// </summary>
public static class SqliteOnlineBackup
{
    public sealed record Result(string Path, long Bytes);

    /// <summary>Copies the database <paramref name="connectionString"/> names to <paramref name="destination"/>, which must
    /// not exist yet and whose folder must. Refusals are <see cref="InvalidOperationException"/>s with a message for a person.</summary>
    public static async Task<Result> CopyAsync(string connectionString, string destination, CancellationToken cancellationToken = default)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(destination))
        {
            throw new InvalidOperationException("Name the file to write the backup to.");
        }

        var target = Path.GetFullPath(destination);
        if (string.IsNullOrEmpty(source) || source == ":memory:" || !File.Exists(source))
        {
            throw new InvalidOperationException($"There is no database file at \"{source}\" to back up.");
        }

        if (string.Equals(Path.GetFullPath(source), target, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("The backup cannot be written over the database itself.");
        }

        if (File.Exists(target))
        {
            throw new InvalidOperationException($"{target} already exists; a backup never overwrites a file. Name a new one.");
        }

        var folder = Path.GetDirectoryName(target);
        if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
        {
            throw new InvalidOperationException($"The folder {folder} does not exist.");
        }

        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            await using (var from = new SqliteConnection(connectionString))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
            }

            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }

        return new Result(target, new FileInfo(target).Length);
    }
}

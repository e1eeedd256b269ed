using CsvHelper;

namespace KtPortal.Web.Components.Shared;

/// <summary>
/// CSV files people open in a spreadsheet: UTF-8 with a BOM, a header row, and text that starts like a formula (=, +,
/// -, @, tab, CR) escaped with a leading apostrophe. Number columns are written as they are, so "-7.00" stays a
/// number: the portal writes those itself, nothing a user typed reaches them.
/// </summary>
public static class CsvFiles
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlySet<int> numberColumns)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(numberColumns);
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { Injection = CsvInjection.None, WriteByteOrderMark = true }, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows)
            {
                csv.WriteRecord([.. row.Select((cell, i) => numberColumns.Contains(i) ? cell : Text(cell))]);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A text cell as a spreadsheet will show it and never run it.</summary>
    public static string Text(string? value) =>
        string.IsNullOrEmpty(value) || Array.IndexOf(FormulaStarts, value[0]) < 0 ? value ?? string.Empty : "'" + value;
}

using KtPortal.Domain.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Invoices;
using KtPortal.Domain.Invoices.Rendering;

namespace KtPortal.Bench;

/// <summary>
/// Time and size of invoice PDFs (and the preview PNG) from the one SkiaSharp drawing routine: a 1-line invoice and a
/// 50-line one. <c>dotnet run -c Release --project bench/KtPortal.Bench -- invoices</c>; writes its section of RESULTS.md.
/// </summary>
internal static class InvoicePdfBenchmark
{
    public const string Marker = "<!-- invoice-pdf -->";
    private const int Iterations = 30;

    public static int Run(string repositoryRoot)
    {
        var renderer = new InvoiceRenderer();
        var first = Stopwatch.StartNew();
        renderer.RenderPdf(Invoice(1));
        var firstCallMs = first.Elapsed.TotalMilliseconds;

        var rows = new List<string>();
        foreach (var lines in new[] { 1, 50 })
        {
            var invoice = Invoice(lines);
            var pdf = Time(() => renderer.RenderPdf(invoice), out var pdfBytes);
            var png = Time(() => renderer.RenderPng(invoice, 0), out var pngBytes);
            var pages = renderer.PageCount(invoice);
            rows.Add(Row($"PDF, {lines} line(s), {pages} page(s)", pdf, pdfBytes));
            rows.Add(Row($"PNG preview of page 1 (2× scale), {lines} line(s)", png, pngBytes));
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(Marker);
        text.AppendLine("## Invoice PDF and preview (issue 5)");
        text.AppendLine();
        text.AppendLine("Command: `dotnet run -c Release --project bench/KtPortal.Bench -- invoices`.");
        text.AppendLine(inv, $"Measured {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC on {Environment.ProcessorCount} cores, .NET {Environment.Version}; SkiaSharp, Open Sans Regular + Bold embedded (shipped in the assembly).");
        text.AppendLine(inv, $"First render in the process (fonts loaded, native code warmed): {firstCallMs:N0} ms. Then 3 warm-up runs and {Iterations} timed runs each; milliseconds.");
        text.AppendLine();
        text.AppendLine("| what | median | p95 | max | size |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        rows.ForEach(r => text.AppendLine(r));
        text.AppendLine();
        text.AppendLine("Target: a page or PDF download well under the one-second budget of an interaction, and a PDF small enough to e-mail (under 1 MB).");

        ResultsFile.ReplaceSection(Path.Combine(repositoryRoot, "bench", "RESULTS.md"), Marker, text.ToString());
        Console.Write(text);
        return 0;
    }

    /// <summary>The invoice section of RESULTS.md and every section after it, kept when the board benchmark rewrites its own part.</summary>
    public static string KeptSection(string resultsPath)
    {
        if (!File.Exists(resultsPath))
        {
            return string.Empty;
        }

        var existing = File.ReadAllText(resultsPath);
        var cut = existing.IndexOf(Marker, StringComparison.Ordinal);
        return cut < 0 ? string.Empty : Environment.NewLine + existing[cut..];
    }

    private static double[] Time(Func<byte[]> render, out int bytes)
    {
        bytes = 0;
        for (var i = 0; i < 3; i++)
        {
            bytes = render().Length;
        }

        var times = new double[Iterations];
        for (var i = 0; i < Iterations; i++)
        {
            var watch = Stopwatch.StartNew();
            render();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static string Row(string name, double[] ms, int bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {ms[ms.Length / 2]:N1} | {ms[(int)Math.Ceiling(ms.Length * 0.95) - 1]:N1} | {ms[^1]:N1} | {bytes / 1024.0:N0} KB |");

    private static InvoiceDocument Invoice(int lineCount)
    {
        var lines = Enumerable.Range(1, lineCount)
            .Select(i => new InvoiceLineView(i, $"KT-{1000 + i} Contact form not sending e-mails after the hosting move: Support (plan overage)", 90, null, 95_00, 142_50, 1000 + i))
            .ToList();
        var subtotal = lines.Sum(l => l.AmountMinor);
        return new InvoiceDocument(
            1, "INV-2026-0001", InvoiceKind.Usage, InvoiceStatus.Issued, "Overage and out-of-plan time, Nov 1 – Nov 30, 2026", string.Empty,
            1, "Acme Dental", "billing@acme.test", "USD", new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 15),
            new BillingPeriodRange(new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)), "Basic Maintenance",
            lines, subtotal, 0, 0, subtotal, [], null, null, null, null, null, 0, Guid.NewGuid(), new AgencyProfile());
    }
}

namespace KtPortal.Tests.E2E;

/// <summary>
/// The billing run as separate processes on one database, as several instances (or an operator beside the scheduled
/// job) run it: started together, each ends well and every invoice is issued once; killed with SIGKILL part-way, a new
/// run finishes the job. Each outcome is compared with one run left alone on a copy of the same data: same invoices
/// (client, period, kind, total, lines), numbers without gaps, nothing half-written (<c>billing check</c>).
/// </summary>
public sealed class BillingProcessesTests(BillingProcessesFixture data) : IClassFixture<BillingProcessesFixture>
{
    private const string AsOf = BillingProcessesFixture.AsOf;

    [Fact]
    public async Task ShouldIssueEveryInvoiceOnce_AndEndQuietly_WhenThreeRunsStartTogether()
    {
        var database = Copy("three");

        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PortalCommand.RunAsync(database, ["billing", "run", "--as-of", AsOf])));

        foreach (var run in runs)
        {
            run.ExitCode.Should().Be(0, run.Output);
            run.Output.Should().NotContain("fail:", "a race another run won ends quietly").And.NotContain("Unhandled");
        }

        (await PortalCommand.RunAsync(database, ["billing", "check"])).SoundLedgerDigest().Should().Be(data.ReferenceDigest);
    }

    [Fact]
    public async Task ShouldLeaveNothingHalfWritten_AndFinishOnTheNextRun_WhenARunIsKilledWhileOpeningPeriods()
    {
        var database = Copy("killed-opening");
        // Somewhere in the first part of the run, while it opens periods and writes drafts (nothing is issued yet).
        var moment = TimeSpan.FromMilliseconds(Random.Shared.Next(300, Math.Max(400, (int)(data.ReferenceTime.TotalMilliseconds / 2))));

        var killed = await PortalCommand.RunAsync(database, ["billing", "run", "--as-of", AsOf], killAfter: moment);

        await ExpectResumedToTheReferenceAsync(database, $"killed after {moment.TotalMilliseconds} ms (killed: {killed.Killed})");
    }

    [Fact]
    public async Task ShouldLeaveNothingHalfWritten_AndFinishOnTheNextRun_WhenARunIsKilledWhileIssuing()
    {
        var database = Copy("killed-issuing");
        // Killed once the run has issued a random share of what the reference issued: mid-way through the invoices.
        var target = Random.Shared.Next(1, Math.Max(2, data.ReferenceIssued));

        var killed = await PortalCommand.RunAsync(database, ["billing", "run", "--as-of", AsOf], killWhen: () => IssuedSoFar(database) >= target);

        killed.Killed.Should().BeTrue($"the run was stopped after issuing {target} of {data.ReferenceIssued} invoices:\n{killed.Output}");
        await ExpectResumedToTheReferenceAsync(database, $"killed at {target} issued of {data.ReferenceIssued}");
    }

    private async Task ExpectResumedToTheReferenceAsync(string database, string when)
    {
        var between = await PortalCommand.RunAsync(database, ["billing", "check"]);
        var resumed = await PortalCommand.RunAsync(database, ["billing", "run", "--as-of", AsOf]);

        between.ExitCode.Should().Be(0, $"{when}, the ledger is sound:\n{between.Output}");
        resumed.ExitCode.Should().Be(0, resumed.Output);
        (await PortalCommand.RunAsync(database, ["billing", "check"])).SoundLedgerDigest().Should().Be(data.ReferenceDigest, when);
    }

    /// <summary>Issued invoices in the database right now, read beside the running process (SQLite's WAL lets a reader in).</summary>
    private static int IssuedSoFar(string database)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Invoices WHERE Number IS NOT NULL";
        try
        {
            return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // not migrated yet, or busy: ask again next time
        }
    }

    private string Copy(string name) => data.Copy(name);
}

/// <summary>Seeds once (40 clients with plans and time) and runs the billing once on a copy, left alone: the reference.</summary>
public sealed class BillingProcessesFixture : IAsyncLifetime
{
    public const string AsOf = "2027-01-29T12:00:00Z";
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"ktportal-billing-{Guid.NewGuid():N}")).FullName;
    private string _seeded = null!;

    public string ReferenceDigest { get; private set; } = null!;

    /// <summary>How many invoices the run left alone issued.</summary>
    public int ReferenceIssued { get; private set; }

    public TimeSpan ReferenceTime { get; private set; }

    public async Task InitializeAsync()
    {
        _seeded = Path.Combine(_folder, "seeded.db");
        var seed = await PortalCommand.RunAsync(_seeded, ["seed", "--clients", "40", "--tickets", "400", "--plans"]);
        seed.ExitCode.Should().Be(0, seed.Output);

        var reference = Copy("reference");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var run = await PortalCommand.RunAsync(reference, ["billing", "run", "--as-of", AsOf]);
        ReferenceTime = watch.Elapsed;
        run.ExitCode.Should().Be(0, run.Output);
        run.Output.Should().MatchRegex(@"\b[1-9]\d* invoice\(s\) issued", "the seeded plans give the run invoices to issue");
        var check = await PortalCommand.RunAsync(reference, ["billing", "check"]);
        ReferenceDigest = check.SoundLedgerDigest();
        ReferenceIssued = int.Parse(System.Text.RegularExpressions.Regex.Match(check.Output, @"Invoices: (\d+) issued").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A fresh copy of the seeded database, not yet billed.</summary>
    public string Copy(string name)
    {
        var path = Path.Combine(_folder, name + ".db");
        File.Copy(_seeded, path);
        return path;
    }
}

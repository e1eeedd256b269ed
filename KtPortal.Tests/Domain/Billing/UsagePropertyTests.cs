using KtPortal.Domain.Billing;
using KtPortal.Domain.TimeTracking;

namespace KtPortal.Tests.Domain.Billing;

/// <summary>
/// Property-style checks over random sequences of entries and edits (fixed seeds, so a failure reproduces):
/// usage after edits equals usage recomputed from scratch, the parts add up, nothing is negative.
/// </summary>
public sealed class UsagePropertyTests
{
    private static readonly DateTime Created = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    private static List<BillableEntry> RandomEntries(Random random, int count, ref long nextId)
    {
        var entries = new List<BillableEntry>();
        for (var i = 0; i < count; i++)
        {
            entries.Add(RandomEntry(random, nextId++));
        }

        return entries;
    }

    private static BillableEntry RandomEntry(Random random, long id)
    {
        var ticket = random.Next(1, 6);
        return new BillableEntry(
            id,
            ticket,
            new DateOnly(2026, 11, random.Next(1, 31)),
            Created.AddMinutes(random.Next(0, 50_000)),
            random.Next(1, 600),
            Billable: random.Next(5) != 0,
            ticket == 3 ? WorkType.Development : WorkType.Support,
            Covered: ticket != 3);
    }

    /// <summary>The one-hour minimum per ticket, computed the obvious way from the definition.</summary>
    private static int ExpectedCharged(IEnumerable<BillableEntry> entries) =>
        entries.Where(e => e.Billable).GroupBy(e => e.TicketId).Sum(t => Math.Max(UsageCalculator.MinimumChargeMinutes, t.Sum(e => e.Minutes)));

    private static void ShouldHoldTheInvariants(PeriodUsage usage, IReadOnlyCollection<BillableEntry> entries)
    {
        foreach (var charge in usage.Entries)
        {
            charge.ChargedMinutes.Should().BeGreaterThanOrEqualTo(0);
            charge.FromPlanMinutes.Should().BeGreaterThanOrEqualTo(0);
            charge.OverageMinutes.Should().BeGreaterThanOrEqualTo(0);
            charge.OutOfPlanMinutes.Should().BeGreaterThanOrEqualTo(0);
            (charge.FromPlanMinutes + charge.OverageMinutes + charge.OutOfPlanMinutes).Should().Be(charge.ChargedMinutes);
        }

        usage.ChargedMinutes.Should().Be(ExpectedCharged(entries));
        usage.FromPlanMinutes.Should().BeLessThanOrEqualTo(usage.IncludedMinutes);
        if (usage.OverageMinutes > 0)
        {
            usage.FromPlanMinutes.Should().Be(usage.IncludedMinutes, "overage starts only once the plan is used up");
        }

        usage.RemainingMinutes.Should().BeGreaterThanOrEqualTo(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void ShouldAddUpAndNeverGoNegative_ForRandomEntries(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 100; round++)
        {
            long id = 1;
            var entries = RandomEntries(random, random.Next(0, 30), ref id);
            var included = random.Next(0, 4) * 300;

            ShouldHoldTheInvariants(UsageCalculator.Calculate(included, entries), entries);
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void ShouldGiveTheSameUsageAfterEdits_AsRecomputedFromScratch(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 50; round++)
        {
            long id = 1;
            var entries = RandomEntries(random, 15, ref id);
            const int included = 600;

            // A run of random edits, deletions and back-dated additions, each followed by a recomputation.
            for (var step = 0; step < 20; step++)
            {
                var pick = random.Next(entries.Count == 0 ? 1 : 3);
                if (pick == 0)
                {
                    entries.Add(RandomEntry(random, id++));
                }
                else if (pick == 1)
                {
                    entries.RemoveAt(random.Next(entries.Count));
                }
                else
                {
                    var index = random.Next(entries.Count);
                    entries[index] = entries[index] with { Minutes = random.Next(1, 600), Billable = random.Next(4) != 0 };
                }

                var incremental = UsageCalculator.Calculate(included, entries);
                var scratch = UsageCalculator.Calculate(included, [.. entries.OrderBy(_ => random.Next())]);

                incremental.Entries.Should().Equal(scratch.Entries, "usage is a function of the entries, not of their history or input order");
                ShouldHoldTheInvariants(incremental, entries);
            }
        }
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public void ShouldAgreeWithEnteringEverythingInOrder_OneEntryAtATime(int seed)
    {
        var random = new Random(seed);
        long id = 1;
        var entries = RandomEntries(random, 40, ref id);
        var ordered = UsageCalculator.InBillingOrder(entries).ToList();

        // Replay: after each entry, the charges so far never change for the entries already there.
        var previous = new Dictionary<long, int>();
        for (var k = 1; k <= ordered.Count; k++)
        {
            var charges = UsageCalculator.ChargedMinutes(ordered.Take(k));
            foreach (var (entryId, charge) in previous)
            {
                charges[entryId].Should().Be(charge, "a later entry never changes an earlier entry's charge");
            }

            previous = new Dictionary<long, int>(charges);
        }

        UsageCalculator.Calculate(600, entries).Entries.Select(e => e.ChargedMinutes)
            .Should().Equal(ordered.Select(e => previous[e.Id]));
    }

    [Theory]
    [InlineData(21, 0)]
    [InlineData(22, 300)]
    [InlineData(23, 600)]
    [InlineData(24, 6000)]
    public void ShouldGiveTheSameTotals_FromSummedChargesAsEntryByEntry(int seed, int includedMinutes)
    {
        var random = new Random(seed);
        long nextId = 1;
        var entries = RandomEntries(random, 40, ref nextId);
        var usage = UsageCalculator.Calculate(includedMinutes, entries);
        var charges = UsageCalculator.ChargedMinutes(entries);

        var totals = UsageCalculator.Totals(includedMinutes,
            entries.Where(e => e.Billable).Sum(e => e.Minutes),
            entries.Where(e => e.Covered).Sum(e => charges[e.Id]),
            entries.Where(e => !e.Covered).Sum(e => charges[e.Id]));

        totals.Should().Be(usage.Totals);
    }
}

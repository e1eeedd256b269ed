using System.Reflection;

namespace KtPortal.Tests.Architecture;

/// <summary>
/// Every test is named for what it proves, one style everywhere: <c>Should&lt;Outcome&gt;[_When&lt;Condition&gt;]</c>
/// in PascalCase, segments joined by underscores. A list of them reads as a specification.
/// </summary>
public sealed class TestNamingTests
{
    [Fact]
    public void ShouldNameEveryTest_ShouldOutcomeWhenCondition()
    {
        var offenders = typeof(TestNamingTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any())
            .Where(m => !IsWellNamed(m.Name))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        string.Join(Environment.NewLine, offenders).Should().BeEmpty("tests are named Should<Outcome>[_When<Condition>]");
    }

    /// <summary>Positive control: sentence-style and lower-case names are caught, the house style passes.</summary>
    [Theory]
    [InlineData("ShouldIssueEverythingExactlyOnce_WhenTwoRunsOverlap", true)]
    [InlineData("ShouldAllowOneTimerPerPerson", true)]
    [InlineData("Two_runs_at_once_issue_everything_exactly_once", false)]
    [InlineData("IssuesEverythingOnce", false)]
    [InlineData("Should_issue_once", false)]
    [InlineData("Should", false)]
    public void ShouldTellTheHouseStyleFromOthers(string name, bool wellNamed)
    {
        IsWellNamed(name).Should().Be(wellNamed);
    }

    private static bool IsWellNamed(string name) =>
        name.StartsWith("Should", StringComparison.Ordinal)
        && name.Length > "Should".Length
        && name.Split('_').All(segment => segment.Length > 0 && (char.IsUpper(segment[0]) || char.IsDigit(segment[0])));
}

using System.Reflection;
using System.Text.RegularExpressions;

namespace KtPortal.Tests.Architecture;

/// <summary>
/// Every regular expression in the portal sees text someone else wrote (mail, Markdown, what people type), so none may
/// backtrack: each is compiled with <see cref="RegexOptions.NonBacktracking"/> (linear in the input), and each is run
/// here on 100 KB inputs built to make a backtracking engine take cubic or exponential time.
/// </summary>
public sealed class RegexSafetyTests
{
    private static readonly string[] PortalProjects = ["KtPortal.Domain", "KtPortal.Web"];

    private const int PathologicalLength = 100 * 1024;

    private static readonly Assembly[] PortalAssemblies =
        [typeof(KtPortal.Domain.Common.Money).Assembly, typeof(KtPortal.Web.Security.CurrentActor).Assembly];

    public static TheoryData<string> PortalRegexes()
    {
        var data = new TheoryData<string>();
        foreach (var name in FindRegexes().Keys)
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>Inputs that blow up patterns like <c>^\s*[-_=*\s]+\s*$</c>, <c>(a+)+$</c> or <c>(\d+\.?)+h</c>.</summary>
    public static IEnumerable<string> PathologicalInputs()
    {
        string Repeat(string unit, string tail = "x") =>
            string.Concat(Enumerable.Repeat(unit, PathologicalLength / unit.Length)) + tail;

        yield return Repeat(" ");
        yield return Repeat("\t ");
        yield return Repeat("-");
        yield return Repeat("- ");
        yield return Repeat("_");
        yield return Repeat("=");
        yield return Repeat("*");
        yield return Repeat("a", "!");
        yield return Repeat("1", "z");
        yield return Repeat("1.", "z");
        yield return Repeat("1:", "z");
        yield return Repeat("> ");
        yield return Repeat("On ", "wrote");
        yield return Repeat("From: x ");
        yield return Repeat("Sent from my ", ".");
        yield return Repeat("[KT-");
        yield return Repeat("+kt-1");
        yield return Repeat("-Ab ");
        yield return Repeat("\n");
        yield return Repeat("1h ", "");
    }

    [Fact]
    public void ShouldFindTheRegexesOfTheReplyTrimmerMailReaderAndDurationParser()
    {
        FindRegexes().Keys.Should().Contain(name => name.StartsWith("KtPortal.Domain.InboundMail.ReplyTrimmer.", StringComparison.Ordinal))
            .And.Contain(name => name.StartsWith("KtPortal.Domain.InboundMail.InboundMailReader.", StringComparison.Ordinal))
            .And.Contain(name => name.StartsWith("KtPortal.Domain.TimeTracking.DurationParser.", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PortalRegexes))]
    public void ShouldNeverBacktrack_AndStayLinearOnPathologicalInput(string name)
    {
        var regex = FindRegexes()[name];

        regex.Options.Should().HaveFlag(RegexOptions.NonBacktracking, $"{name} (/{regex}/) sees untrusted text");
        foreach (var input in PathologicalInputs())
        {
            // Linear engine: each of these is a few milliseconds; a backtracking one would not return.
            _ = regex.IsMatch(input);
            _ = regex.Match(input).Index; // Match finds the span too, a different path from IsMatch
            _ = regex.Replace(input, " ");
        }
    }

    /// <summary>Source that builds a regex at run time (<c>new Regex</c>, <c>Regex.IsMatch(text, pattern)</c>) is not scanned
    /// by the test above, so it must not exist: every pattern is a [GeneratedRegex] the test can find.</summary>
    [Fact]
    public void ShouldBuildNoRegexAtRunTime_InPortalSource()
    {
        var root = KtPortal.Tests.E2E.PortalAppFixture.RepositoryRoot;
        var offenders = PortalProjects
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(root, project), "*.*", SearchOption.AllDirectories))
            .Where(path => (path.EndsWith(".cs", StringComparison.Ordinal) || path.EndsWith(".razor", StringComparison.Ordinal))
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, i)))
            .Where(x => x.line.Contains("new Regex(", StringComparison.Ordinal)
                || x.line.Contains("Regex.IsMatch(", StringComparison.Ordinal)
                || x.line.Contains("Regex.Match(", StringComparison.Ordinal)
                || x.line.Contains("Regex.Matches(", StringComparison.Ordinal)
                || x.line.Contains("Regex.Replace(", StringComparison.Ordinal)
                || x.line.Contains("Regex.Split(", StringComparison.Ordinal))
            .Select(x => $"{Path.GetRelativePath(root, x.path)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        offenders.Should().BeEmpty("patterns are [GeneratedRegex(..., RegexOptions.NonBacktracking)] so the test above checks them");
    }

    /// <summary>Every static, parameterless method returning a Regex ([GeneratedRegex] partials), by type and name.</summary>
    private static Dictionary<string, Regex> FindRegexes()
    {
        const BindingFlags statics = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return PortalAssemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(statics).Where(m => m.ReturnType == typeof(Regex) && m.GetParameters().Length == 0))
            .Where(m => m.GetCustomAttribute<GeneratedRegexAttribute>() is not null)
            .ToDictionary(m => $"{m.DeclaringType!.FullName}.{m.Name}", m => (Regex)m.Invoke(null, null)!);
    }
}

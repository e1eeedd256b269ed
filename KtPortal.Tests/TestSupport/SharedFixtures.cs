namespace KtPortal.Tests.TestSupport;

/// <summary>
/// <c>../shared/fixtures</c>: real data nobody here wrote, read in place beside the clone (never copied). Tests that
/// need it use <see cref="StripeFixtureFactAttribute"/> and are skipped, with a message, where it is absent.
/// </summary>
public static class SharedFixtures
{
    public static string? StripeDirectory { get; } = Find(Path.Combine("fixtures", "stripe"));

    public static string? EmailDirectory { get; } = Find(Path.Combine("fixtures", "email"));

    /// <summary>The files under <c>fixtures/email/{folder}</c>, in a stable order; empty where the fixtures are absent.</summary>
    public static IEnumerable<string> EmailFiles(string folder) =>
        EmailDirectory is null
            ? []
            : Directory.EnumerateFiles(Path.Combine(EmailDirectory, folder), "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);

    public static string ReadStripe(string file) =>
        File.ReadAllText(Path.Combine(StripeDirectory ?? throw new InvalidOperationException("No ../shared/fixtures/stripe."), file));

    /// <summary>Walks up from the test binaries to the repository (the folder with the solution) and looks beside it.</summary>
    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KtPortal.Blazor.sln")))
            {
                var candidate = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", relative);
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }
}

/// <summary>A fact over the real mail in <c>../shared/fixtures/email</c>; skipped with a reason where it is absent.</summary>
public sealed class EmailFixtureFactAttribute : FactAttribute
{
    public EmailFixtureFactAttribute()
    {
        if (SharedFixtures.EmailDirectory is null)
        {
            Skip = "../shared/fixtures/email is not beside this clone (CI has it); the hand-written mail cases still ran.";
        }
    }
}

/// <summary>A fact over Stripe's published objects in <c>../shared/fixtures/stripe</c>; skipped with a reason where they are absent.</summary>
public sealed class StripeFixtureFactAttribute : FactAttribute
{
    public StripeFixtureFactAttribute()
    {
        if (SharedFixtures.StripeDirectory is null)
        {
            Skip = "../shared/fixtures/stripe is not beside this clone (CI has it); the hand-written Stripe cases still ran.";
        }
    }
}

namespace KtPortal.Domain.SupportTypes;

/// <summary>
/// A ticket category (billing-rules.md: "support type"). Admins manage the list; a type in use is
/// deactivated rather than deleted, so old tickets and plan coverage keep their meaning.
/// </summary>
public sealed class SupportType
{
    public int Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public bool IsActive { get; set; } = true;

    public int SortOrder { get; set; }

    /// <summary>The seed list of billing-rules.md, with fixed ids so that migrations can insert it.</summary>
    public static readonly IReadOnlyList<SupportType> Seed =
    [
        new() { Id = 1, Name = "Troubleshooting", SortOrder = 10 },
        new() { Id = 2, Name = "WordPress", SortOrder = 20 },
        new() { Id = 3, Name = "Hosting & DNS", SortOrder = 30 },
        new() { Id = 4, Name = "Email", SortOrder = 40 },
        new() { Id = 5, Name = "Development", SortOrder = 50 },
        new() { Id = 6, Name = "Design", SortOrder = 60 },
        new() { Id = 7, Name = "Content updates", SortOrder = 70 },
        new() { Id = 8, Name = "SEO", SortOrder = 80 },
    ];

    public const int TroubleshootingId = 1;
    public const int WordPressId = 2;
    public const int DevelopmentId = 5;
}

namespace KtPortal.Domain.CannedReplies;

public sealed record CannedReplyInput(string Title, string Body, bool Shared);

/// <param name="CanEdit">Personal replies by their owner; shared ones by whoever wrote them or an admin.</param>
public sealed record CannedReplyView(int Id, string Title, string Body, bool Shared, string? AuthorName, bool CanEdit, DateTime UpdatedAtUtc, Guid ConcurrencyStamp);

/// <summary>A canned reply filled in for one ticket; <see cref="Notes"/> says where a value was missing.</summary>
public sealed record FilledCannedReply(string Text, IReadOnlyList<string> Notes);

public static class CannedReplyRules
{
    public const int TitleMaxLength = 100;
    public const int BodyMaxLength = 10_000;
}

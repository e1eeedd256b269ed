namespace KtPortal.Domain.Accounts;

/// <summary>What a staff member or client admin asks for when inviting someone.</summary>
public sealed record InvitationRequest(int ClientId, string Email, string DisplayName, string Role);

/// <summary>
/// A new invitation. <see cref="Token"/> exists only here, at creation: the database keeps its hash.
/// </summary>
public sealed record CreatedInvitation(int Id, string Email, string Token, DateTime ExpiresAtUtc);

public sealed record InvitationListItem(int Id, string Email, string DisplayName, string Role, DateTime ExpiresAtUtc);

public enum InvitationState
{
    Pending,
    Expired,
    Used,
    Revoked,
}

/// <summary>What the accept page shows before the invitee sets a password.</summary>
public sealed record InvitationPreview(string Email, string DisplayName, string ClientName, InvitationState State);

namespace KtPortal.Domain.Common;

/// <summary>
/// A small fact that something changed: what kind of thing, its id and its client. It never
/// carries user data; a subscriber re-reads through the services with its own actor.
/// </summary>
public sealed record PortalChange(string Topic, string EntityId, int? ClientId)
{
    public static class Topics
    {
        public const string Client = "client";
        public const string User = "user";
        public const string Ticket = "ticket";
    }
}

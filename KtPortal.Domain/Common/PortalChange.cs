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

        /// <summary>Time was logged, edited or deleted: the client's meter and the ticket's billing changed.</summary>
        public const string Usage = "usage";

        /// <summary>A client's plan was created, edited or ended.</summary>
        public const string Plan = "plan";

        /// <summary>A user's notifications changed; the entity id is the user's id.</summary>
        public const string Notification = "notification";

        /// <summary>A staff member's timer started or stopped; the entity id is the user's id.</summary>
        public const string Timer = "timer";

        /// <summary>An invoice was created, changed, issued, paid or voided; the entity id is the invoice id (empty for a client's drafts).</summary>
        public const string Invoice = "invoice";

        /// <summary>The agency's settings, logo or plan templates changed.</summary>
        public const string Settings = "settings";

        /// <summary>Inbound mail was received or triaged; the entity id is the inbound message's id.</summary>
        public const string InboundEmail = "inbound-email";

        /// <summary>A ticket's internal estimate was made or replaced; staff only (client pages never listen to it). Entity id is the ticket number.</summary>
        public const string Estimate = "estimate";

        /// <summary>Business hours, holidays or service-level policies changed: every open ticket's due time may have moved. Entity id empty.</summary>
        public const string ServiceLevels = "service-levels";

        /// <summary>
        /// Changes may have been missed (the link to the other instances was down): every open page, of every user,
        /// re-reads what it shows. An instance whose link comes back raises it at home and sends it to the others.
        /// </summary>
        public const string Resync = "resync";
    }

    /// <summary>The one change every subscriber gets, whatever its topics, filters and client.</summary>
    public static PortalChange ResyncAll { get; } = new(Topics.Resync, string.Empty, null);

    public bool IsResync => Topic == Topics.Resync;
}

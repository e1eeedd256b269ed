namespace KtPortal.Web.Hosting;

/// <summary>Which checks decide readiness: what a request needs to succeed (database; Redis and blob store when set).</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}

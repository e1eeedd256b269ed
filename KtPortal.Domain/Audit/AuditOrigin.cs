namespace KtPortal.Domain.Audit;

/// <summary>Where the current change comes from, for its audit row: the web layer knows the request, the domain does not.</summary>
public interface IAuditOrigin
{
    /// <summary>The client's IP address, or null outside a request (jobs, the command line).</summary>
    string? IpAddress { get; }
}

/// <summary>No request: jobs, the command line, tests that do not care.</summary>
public sealed class NoAuditOrigin : IAuditOrigin
{
    public string? IpAddress => null;
}

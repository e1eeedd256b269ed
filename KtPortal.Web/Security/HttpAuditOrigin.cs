using KtPortal.Domain.Audit;

namespace KtPortal.Web.Security;

/// <summary>
/// The request's address for the audit trail. Inside an interactive page this is the address that opened the page's
/// connection (what IHttpContextAccessor holds there); behind a proxy it is the proxy's until forwarded headers are on.
/// </summary>
public sealed class HttpAuditOrigin(IHttpContextAccessor accessor) : IAuditOrigin
{
    public string? IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}

using KtPortal.Domain.Audit;

namespace KtPortal.Web.Security;

/// <summary>
/// The address for the audit trail, one per scope. A plain request answers with its own connection's address. An
/// interactive page (a circuit) has no request of its own and IHttpContextAccessor is not reliable there, so the page's
/// root component hands over the address of the request that served the page (<see cref="UsePageAddress"/>). Behind a
/// proxy it is the proxy's until forwarded headers are on.
/// </summary>
public sealed class HttpAuditOrigin(IHttpContextAccessor accessor) : IAuditOrigin
{
    private string? _pageAddress;

    public string? IpAddress => _pageAddress ?? accessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public void UsePageAddress(string? address)
    {
        if (!string.IsNullOrWhiteSpace(address))
        {
            _pageAddress = address;
        }
    }
}

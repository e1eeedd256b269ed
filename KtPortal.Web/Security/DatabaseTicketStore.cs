using System.Security.Claims;
using KtPortal.Domain.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace KtPortal.Web.Security;

/// <summary>
/// The sign-in cookie's server side (<see cref="CookieAuthenticationOptions.SessionStore"/>): the cookie carries a
/// session id, the ticket lives in <see cref="UserSessionStore"/>. Sign-out deletes the row, so a cookie copied before
/// is refused afterwards, on every instance. The id is also a claim, so an open circuit can tell when its session ended.
/// </summary>
internal sealed class DatabaseTicketStore(UserSessionStore sessions, TimeProvider clock) : ITicketStore
{
    public const string SessionClaimType = "ktportal:session";

    private static readonly TicketSerializer Serializer = TicketSerializer.Default;

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, null!, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        StoreCoreAsync(ticket, httpContext, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, null!, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken) =>
        sessions.RenewAsync(key, Serializer.Serialize(WithSessionClaim(ticket, key)), Expiry(ticket), cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, null!, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var bytes = await sessions.GetTicketAsync(key, cancellationToken);
        return bytes is null ? null : Serializer.Deserialize(bytes);
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, null!, CancellationToken.None);

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) => sessions.RemoveAsync(key, cancellationToken);

    private async Task<string> StoreCoreAsync(AuthenticationTicket ticket, HttpContext? httpContext, CancellationToken cancellationToken)
    {
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new InvalidOperationException("A sign-in without a user id cannot be stored.");
        var key = UserSessionStore.NewId();
        var stored = WithSessionClaim(ticket, key);
        await sessions.AddAsync(key, userId, Serializer.Serialize(stored), Expiry(ticket),
            httpContext?.Request.Headers.UserAgent.ToString(), httpContext?.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        return key;
    }

    /// <summary>The principal carries its own session id (replacing any earlier one, e.g. after a claims refresh).</summary>
    private static AuthenticationTicket WithSessionClaim(AuthenticationTicket ticket, string key)
    {
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaimType).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(SessionClaimType, key));
        }

        return ticket;
    }

    /// <summary>The ticket's own expiry, or a day from now for a browser-session cookie, so abandoned rows age out.</summary>
    private DateTime? Expiry(AuthenticationTicket ticket) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? clock.GetUtcNow().UtcDateTime.AddDays(1);
}

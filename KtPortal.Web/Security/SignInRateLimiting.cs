using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace KtPortal.Web.Security;

/// <summary>Marks a page whose form posts a secret (password, code, invitation token): its posts are rate limited.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInFormAttribute : Attribute;

/// <summary>
/// Limits sign-in form posts per client IP, on top of per-account lockout: lockout stops guessing one account's
/// password, this stops one address trying (and locking) many accounts. The limit follows the endpoint that handles
/// the post (pages marked <see cref="SignInFormAttribute"/>), not its spelling, so <c>/Account/Login/</c>,
/// <c>/account/LOGIN</c> and every other path that reaches the handler count alike.
/// </summary>
public static class SignInRateLimiting
{
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(security);
        services.AddSingleton(_ => new SignInAccountLimiter(security.SignInAttemptsPerAccount, security.SignInAccountWindow));
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from your network. Wait a minute and try again.", cancellationToken);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsSignInPost(context))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                var ip = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetFixedWindowLimiter(ip, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = security.SignInAttemptsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
    }

    private static bool IsSignInPost(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<SignInFormAttribute>() is not null;
}

/// <summary>
/// Sign-in attempts per account, from every address together: many addresses guessing one account's password are
/// slowed down here before the account locks. Refused attempts never reach the password check, so they do not count
/// towards the lockout either.
/// </summary>
public sealed class SignInAccountLimiter(int permitsPerWindow, TimeSpan window) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(account =>
        RateLimitPartition.GetFixedWindowLimiter(account, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerWindow,
            Window = window,
            QueueLimit = 0,
        }));

    /// <summary>True when one more attempt on this account (by e-mail, any case) is allowed now.</summary>
    public bool TryAttempt(string email)
    {
        using var lease = _limiter.AttemptAcquire((email ?? string.Empty).Trim().ToUpperInvariant());
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

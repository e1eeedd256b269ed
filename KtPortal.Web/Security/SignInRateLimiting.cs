using System.Threading.RateLimiting;

namespace KtPortal.Web.Security;

/// <summary>Marks a page whose form posts a secret (password, code, invitation token): its posts are rate limited.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SignInFormAttribute : Attribute;

/// <summary>
/// Counts attempts in fixed windows shared by every instance of the portal (Redis when configured). Answers null when
/// the shared store cannot be reached, and the caller then counts in this process: an outage never opens the door wide,
/// it only makes the limit per instance for as long as it lasts.
/// </summary>
public interface ISharedAttemptCounter
{
    /// <summary>Adds one attempt to <paramref name="key"/>'s current window and returns the window's count so far.</summary>
    Task<long?> IncrementAsync(string key, TimeSpan window, CancellationToken cancellationToken = default);
}

/// <summary>
/// The sign-in limits, on top of per-account lockout: per client IP (one address trying, and locking, many accounts)
/// and per account (many addresses guessing one account's password). Refused attempts never reach the password check,
/// so they do not count towards the lockout either.
/// </summary>
public sealed class SignInLimits(SecurityOptions security, ISharedAttemptCounter? shared = null) : IDisposable
{
    private static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _addresses = Local(security.SignInAttemptsPerMinute, AddressWindow);
    private readonly PartitionedRateLimiter<string> _accounts = Local(security.SignInAttemptsPerAccount, security.SignInAccountWindow);

    /// <summary>True when one more sign-in form post from this address is allowed now.</summary>
    public Task<bool> TryAddressAsync(string address, CancellationToken cancellationToken = default) =>
        TryAsync(_addresses, "ip:" + address, security.SignInAttemptsPerMinute, AddressWindow, cancellationToken);

    /// <summary>True when one more attempt on this account (by e-mail, any case) is allowed now.</summary>
    public Task<bool> TryAccountAsync(string email, CancellationToken cancellationToken = default) =>
        TryAsync(_accounts, "account:" + (email ?? string.Empty).Trim().ToUpperInvariant(),
            security.SignInAttemptsPerAccount, security.SignInAccountWindow, cancellationToken);

    public void Dispose()
    {
        _addresses.Dispose();
        _accounts.Dispose();
    }

    private async Task<bool> TryAsync(PartitionedRateLimiter<string> local, string key, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        if (shared is not null && await shared.IncrementAsync(key, window, cancellationToken) is long count)
        {
            return count <= permits;
        }

        using var lease = local.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Local(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
        }));
}

/// <summary>
/// Limits sign-in form posts per client IP. The limit follows the endpoint that handles the post (pages marked
/// <see cref="SignInFormAttribute"/>), not its spelling, so <c>/Account/Login/</c>, <c>/account/LOGIN</c> and every
/// other path that reaches the handler count alike.
/// </summary>
public static class SignInRateLimiting
{
    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(security);
        return services.AddSingleton(sp => new SignInLimits(security, sp.GetService<ISharedAttemptCounter>()));
    }

    /// <summary>After routing (the endpoint decides) and after forwarded headers (the client's own address counts).</summary>
    public static IApplicationBuilder UseSignInRateLimiting(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsSignInPost(context))
        {
            var limits = context.RequestServices.GetRequiredService<SignInLimits>();
            var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            if (!await limits.TryAddressAsync(address, context.RequestAborted))
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.Response.Headers.RetryAfter = "60";
                await context.Response.WriteAsync("Too many sign-in attempts from your network. Wait a minute and try again.", context.RequestAborted);
                return;
            }
        }

        await next(context);
    });

    private static bool IsSignInPost(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
        && context.GetEndpoint()?.Metadata.GetMetadata<SignInFormAttribute>() is not null;
}

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace KtPortal.Web.Security;

/// <summary>
/// Limits sign-in form posts per client IP, on top of per-account lockout: lockout stops guessing one
/// account's password, this stops one address trying many accounts.
/// </summary>
public static class SignInRateLimiting
{
    private static readonly string[] SignInPaths =
        ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/AcceptInvitation"];

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, SecurityOptions security)
    {
        ArgumentNullException.ThrowIfNull(security);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync(
                    "Too many sign-in attempts from your network. Wait a minute and try again.", cancellationToken);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                if (!IsSignInPost(context.Request))
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

    private static bool IsSignInPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && SignInPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));
}

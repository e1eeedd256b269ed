using NetEscapades.AspNetCore.SecurityHeaders;

namespace KtPortal.Web.Security;

/// <summary>
/// The security headers on every response (NetEscapades.AspNetCore.SecurityHeaders), so a page that slips an injected
/// script through, or is framed, sniffed or leaks its address, is stopped by the browser as well.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>HSTS for a year; only outside Development, where the portal is served over HTTPS.</summary>
    private const int HstsMaxAgeSeconds = 365 * 24 * 60 * 60;

    public static IApplicationBuilder UsePortalSecurityHeaders(this IApplicationBuilder app, bool isDevelopment)
    {
        var policies = new HeaderPolicyCollection()
            .AddContentTypeOptionsNoSniff()
            .AddFrameOptionsDeny()
            .AddReferrerPolicyStrictOriginWhenCrossOrigin()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddPermissionsPolicy(permissions =>
            {
                permissions.AddCamera().None();
                permissions.AddMicrophone().None();
                permissions.AddGeolocation().None();
                permissions.AddPayment().None();
                permissions.AddUsb().None();
                permissions.AddAccelerometer().None();
                permissions.AddGyroscope().None();
                permissions.AddMagnetometer().None();
                permissions.AddFullscreen().Self();
            })
            .RemoveServerHeader()
            .AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                // Blazor Server needs its own scripts only: blazor.web.js, MudBlazor's and ours, and the import map
                // Blazor writes inline (carrying this response's nonce). No 'unsafe-eval', no inline handlers.
                csp.AddScriptSrc().Self().WithNonce();
                // The circuit's WebSocket to this origin ('self' covers ws/wss of the same host in CSP 3 browsers).
                csp.AddConnectSrc().Self();
                // MudBlazor sets positions and colours in style attributes; styles cannot run code.
                csp.AddStyleSrc().Self().UnsafeInline();
                csp.AddImgSrc().Self().Data().Blob();
                csp.AddFontSrc().Self().Data();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFrameAncestors().None();
                // Forms post to the portal only; Stripe Checkout is a navigation (a link), not a form post.
                csp.AddFormAction().Self();
            });
        if (!isDevelopment)
        {
            policies.AddStrictTransportSecurityMaxAgeIncludeSubDomains(HstsMaxAgeSeconds);
        }

        return app.UseSecurityHeaders(policies);
    }
}

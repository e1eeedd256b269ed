using KtPortal.Domain.Accounts;
using KtPortal.Domain.Common;
using KtPortal.Domain.Data;
using KtPortal.Domain.Tickets;
using KtPortal.Domain;
using KtPortal.Web.Components.Account;
using KtPortal.Web.Components.Layout;
using KtPortal.Web.Components.Shared;
using KtPortal.Web.Components;
using KtPortal.Web.Features.Billing.History;
using KtPortal.Web.Features.Estimation;
using KtPortal.Web.Features.Health;
using KtPortal.Web.Features.InboundMail;
using KtPortal.Web.Features.Invoices;
using KtPortal.Web.Features.Invoices.CreditNotes;
using KtPortal.Web.Features.Invoices.Statements;
using KtPortal.Web.Features.Payments;
using KtPortal.Web.Features.Reports;
using KtPortal.Web.Features.Tickets;
using KtPortal.Web.Hosting;
using KtPortal.Web.Jobs;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

using KtPortal.Web.Testing;

namespace KtPortal.Web;

/// <summary>Wires the portal together: one line per feature, in the order the pipeline needs.</summary>
internal static class PortalComposition
{
    public static void AddKtPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        // Descriptions and replies go up to 50,000 characters; the default 32 KB hub message would drop the circuit.
        services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 512 * 1024);
        // Snackbars at the bottom: under the thumb on a phone, and clear of the app bar's icons.
        services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomCenter);
        services.AddSingleton<MarkdownRenderer>();
        services.AddScoped<PortalClock>();
        services.AddSingleton(new AppBarItems(typeof(Features.Search.GlobalSearchBox), typeof(Features.TimeTracking.TimerIndicator), typeof(Features.Notifications.NotificationBell)));

        var database = ReadDatabaseOptions(configuration, builder.Environment);
        services.AddKtPortalDatabase(database);
        services.AddSingleton(new ContentRoot(builder.Environment.ContentRootPath));
        // The configured agency and portal settings are the first-run defaults; /settings/agency keeps them after that.
        services.AddSingleton(new AgencySettingsStore(
            configuration.GetSection("KtPortal:Agency").Get<AgencyProfile>() ?? new AgencyProfile(),
            new PortalSettings(configuration["KtPortal:TimeZone"], configuration["KtPortal:Currency"])));
        services.AddHttpContextAccessor();
        services.AddScoped<Security.HttpAuditOrigin>();
        services.AddScoped<KtPortal.Domain.Audit.IAuditOrigin>(sp => sp.GetRequiredService<Security.HttpAuditOrigin>());
        if (TestClock.IsEnabled(configuration, builder.Environment))
        {
            services.AddTestClock();
        }

        services.AddKtPortalDomain();
        services.AddSingleton<Features.ServiceLevels.SlaTick>();
        services.AddPortalEstimation(configuration);
        services.Configure<Features.Payments.StripeOptions>(configuration.GetSection("KtPortal:Stripe"));
        services.AddScoped<Features.Payments.StripeCheckout>();
        services.AddScoped<KtPortal.Domain.Invoices.IOnlinePayments>(sp => sp.GetRequiredService<Features.Payments.StripeCheckout>());
        services.AddScoped<Features.Tickets.Moves.TicketMoves>();
        services.Configure<AttachmentOptions>(configuration.GetSection("KtPortal:Attachments"));
        services.Configure<KtPortal.Domain.Email.EmailOptions>(configuration.GetSection("KtPortal:Email"));
        services.AddPortalJobs(configuration, database);
        services.Configure<AccountOptions>(configuration.GetSection("KtPortal:Accounts"));

        var security = configuration.GetSection("KtPortal:Security").Get<SecurityOptions>() ?? new SecurityOptions();
        services.Configure<SecurityOptions>(configuration.GetSection("KtPortal:Security"));
        services.AddPortalIdentity(security);
        services.AddSignInRateLimiting(security);

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>(DatabaseCheck, tags: [Hosting.HealthTags.Ready]);
        builder.AddPortalScaleOut();
        builder.AddPortalTelemetry();

        // No "Server: Kestrel" on responses; the security headers middleware covers proxies that add their own.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // A query or route value that does not bind (`?inline=yes`, `/invoices/abc/pdf`) answers 400 with a problem
        // body everywhere, Development included, instead of throwing into the developer page with a stack trace.
        services.AddProblemDetails();
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = false);
    }

    private const string DatabaseCheck = "database";

    public static void UseKtPortal(this WebApplication app)
    {
        app.UsePortalForwardedHeaders();
        app.UsePortalSecurityHeaders(app.Environment.IsDevelopment());
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseSignInRateLimiting();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAdditionalIdentityEndpoints();
        app.MapTicketEndpoints();
        app.MapInvoiceEndpoints();
        app.MapCreditNoteEndpoints();
        app.MapStatementEndpoints();
        app.MapMonthlyReportEndpoints();
        app.MapInvoiceExportEndpoints();
        app.MapReportEndpoints();
        Features.Audit.AuditEndpoints.MapAuditEndpoints(app);
        Features.Settings.AgencyLogoEndpoints.MapAgencyLogoEndpoints(app);
        app.MapStripeWebhook();
        app.MapSendGridInbound();
        app.MapInboundMailEndpoints();
        app.MapPortalHealth(DatabaseCheck);
        if (TestClock.IsEnabled(app.Configuration, app.Environment))
        {
            app.MapTestClock();
        }
    }

    private static void AddPortalIdentity(this IServiceCollection services, SecurityOptions security)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentActor>();
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, NotFoundWhenForbiddenHandler>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((cookie, store) => cookie.SessionStore = store);
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
        });

        // Plain HTTP requests re-check the security stamp this often (circuits use their own interval).
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddIdentityCore<PortalUser>(options =>
                PortalIdentityPolicy.Apply(options, security.MaxFailedSignIns, security.LockoutDuration))
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<KtPortalDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>();
        services.AddScoped<IUserConfirmation<PortalUser>, ActiveUserConfirmation>();
    }

    private static DatabaseOptions ReadDatabaseOptions(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var options = configuration.GetSection("KtPortal:Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        options.ConnectionString = configuration.GetConnectionString("KtPortal") ?? string.Empty;
        if (string.IsNullOrWhiteSpace(options.ConnectionString) && options.Provider == DatabaseProvider.Sqlite)
        {
            // The embedded default: a file under the content root, created on first start.
            var path = Path.Combine(environment.ContentRootPath, "App_Data", "ktportal.db");
            options.ConnectionString = $"Data Source={path}";
        }

        return options;
    }
}

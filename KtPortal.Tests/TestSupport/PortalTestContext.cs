using System.Security.Claims;
using Bunit;
using KtPortal.Domain.Common;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace KtPortal.Tests.TestSupport;

/// <summary>
/// bUnit context for the portal's components: loose JS interop, MudBlazor services, the real
/// authorization policies, and a signed-in user set with <see cref="SignInAs"/>.
/// </summary>
public class PortalTestContext : BunitContext, IAsyncLifetime
{
    private readonly TestAuthenticationStateProvider _authentication = new();

    public PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.PopoverOptions.CheckForPopoverProvider = false;
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        // The real policies, evaluated for real (bUnit's placeholder would only grant names).
        Services.AddAuthorizationCore(Policies.Add);
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
        Services.AddScoped<CurrentActor>();
        Services.AddSingleton<IChangeNotifier>(new InProcessChangeNotifier(NullLogger<InProcessChangeNotifier>.Instance));
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddSingleton(new PortalSettings());
        Services.AddSingleton(new AgencyProfile());
        Services.AddSingleton<KtPortal.Web.Components.Shared.PortalClock>();
        Services.AddSingleton<KtPortal.Web.Features.ServiceLevels.SlaTick>();
        Services.AddSingleton<KtPortal.Web.Components.Shared.MarkdownRenderer>();
    }

    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(DomainTestHost.Start);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>MudBlazor registers services that only dispose asynchronously; xunit calls this before Dispose.</summary>
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();

    /// <summary>Disposes the renderer and services; a derived test disposes what it started after calling this.</summary>
    public new virtual Task DisposeAsync() => base.DisposeAsync().AsTask();

    public void SignInAs(Actor actor, string displayName = "Test User")
    {
        ArgumentNullException.ThrowIfNull(actor);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, actor.UserId),
            new(ClaimTypes.Name, $"{actor.UserId}@test"),
            new(ClaimTypes.Role, actor.Role),
            new(KtPortal.Domain.Accounts.PortalClaimsPrincipalFactory.DisplayNameClaimType, displayName),
        };
        if (actor.ClientId is int clientId)
        {
            claims.Add(new Claim(Actor.ClientIdClaimType, clientId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        _authentication.Set(new ClaimsPrincipal(new ClaimsIdentity(claims, "test")));
    }

    private sealed class TestAuthenticationStateProvider : AuthenticationStateProvider
    {
        private AuthenticationState _state = new(new ClaimsPrincipal(new ClaimsIdentity()));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);

        public void Set(ClaimsPrincipal user)
        {
            _state = new AuthenticationState(user);
            NotifyAuthenticationStateChanged(Task.FromResult(_state));
        }
    }
}

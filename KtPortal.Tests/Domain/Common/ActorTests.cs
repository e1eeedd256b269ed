using System.Security.Claims;
using KtPortal.Domain.Common;

namespace KtPortal.Tests.Domain.Common;

public sealed class ActorTests
{
    private static ClaimsPrincipal Principal(params Claim[] claims) => new(new ClaimsIdentity(claims, "test"));

    [Fact]
    public void ShouldCarryTheClient_WhenAClientUserSignsIn()
    {
        var actor = Actor.FromPrincipal(Principal(
            new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Role, PortalRoles.ClientUser), new Claim(Actor.ClientIdClaimType, "7")));

        actor.Should().Be(new Actor("u1", PortalRoles.ClientUser, 7));
        actor!.CanSeeClient(7).Should().BeTrue();
        actor.CanSeeClient(8).Should().BeFalse();
    }

    [Fact]
    public void ShouldBeNoActor_WhenAClientRoleHasNoClientOrTheUserIsAnonymous()
    {
        Actor.FromPrincipal(Principal(new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(ClaimTypes.Role, PortalRoles.ClientAdmin)))
            .Should().BeNull();
        Actor.FromPrincipal(new ClaimsPrincipal(new ClaimsIdentity())).Should().BeNull();
        Actor.FromPrincipal(Principal(new Claim(ClaimTypes.NameIdentifier, "u1"))).Should().BeNull();
    }

    [Fact]
    public void ShouldIgnoreAClientClaim_WhenTheUserIsStaff()
    {
        var actor = Actor.FromPrincipal(Principal(
            new Claim(ClaimTypes.NameIdentifier, "s1"), new Claim(ClaimTypes.Role, PortalRoles.Staff), new Claim(Actor.ClientIdClaimType, "7")));

        actor!.ClientId.Should().BeNull();
        actor.CanSeeClient(123).Should().BeTrue();
    }
}

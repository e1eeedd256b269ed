using System.Net;
using KtPortal.Web.Security;
using Microsoft.AspNetCore.Http;

namespace KtPortal.Tests.Web.Audit;

/// <summary>Audit rows from an interactive page carry the address of the request that served the page.</summary>
public sealed class HttpAuditOriginTests
{
    [Fact]
    public void ShouldUseThePagesAddress_WhenTheScopeHasNoRequestOfItsOwn()
    {
        var origin = new HttpAuditOrigin(new HttpContextAccessor());
        origin.IpAddress.Should().BeNull("a circuit has no request to read");

        origin.UsePageAddress("198.51.100.7");

        origin.IpAddress.Should().Be("198.51.100.7");
    }

    [Fact]
    public void ShouldPreferThePagesAddress_OverWhateverRequestTheAccessorStillHolds_AndIgnoreAnEmptyOne()
    {
        var stale = new DefaultHttpContext();
        stale.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.50");
        var origin = new HttpAuditOrigin(new HttpContextAccessor { HttpContext = stale });
        origin.IpAddress.Should().Be("203.0.113.50", "a plain request answers with its own address");

        origin.UsePageAddress(" ");
        origin.IpAddress.Should().Be("203.0.113.50");
        origin.UsePageAddress("198.51.100.7");
        origin.IpAddress.Should().Be("198.51.100.7");
    }
}

using System.Net;

namespace KtPortal.Tests.Integration;

public sealed class HealthTests(PortalWebFactory factory) : IClassFixture<PortalWebFactory>
{
    [Fact]
    public async Task ShouldAnswer200_WhenTheDatabaseAnswers()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}

using KtPortal.Domain.Common;
using KtPortal.Domain.Estimation;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace KtPortal.Tests.Integration.Estimation;

/// <summary>
/// The AI estimator as configured in the real app (Microsoft.Extensions.AI over the OpenAI client) against a local
/// stand-in for the model endpoint: a good answer is used, a failure or a slow answer falls back to the local one.
/// </summary>
public sealed class ModelEndpointTests : IDisposable
{
    private readonly FakeChatModelApi _model = new();
    private ModelFactory? _factory;

    public void Dispose()
    {
        _factory?.Dispose();
        _model.Dispose();
    }

    /// <summary>Raises a ticket in an app whose model timeout is <paramref name="timeout"/> and estimates it.</summary>
    private async Task<EstimateView> EstimateNewAsync(TimeSpan timeout)
    {
        _factory = new ModelFactory(_model.BaseUrl + "/v1", timeout);
        await using var scope = _factory.Services.CreateAsyncScope();
        var number = await scope.ServiceProvider.GetRequiredService<TicketService>().CreateAsync(Actor.System,
            new NewTicketInput(TicketType.Troubleshooting, SupportType.WordPressId, "WordPress update broke the gallery", "The gallery shows an error.",
                ClientId: 1));
        (await scope.ServiceProvider.GetRequiredService<EstimationService>().EnsureEstimateAsync(Actor.System, number)).Should().BeTrue();
        return (await scope.ServiceProvider.GetRequiredService<EstimateQueries>().GetAsync(Actor.System, number))!;
    }

    [Fact]
    public async Task ShouldUseTheModelsAnswer_AndSendTheSimilarDemoTickets()
    {
        var estimate = await EstimateNewAsync(TimeSpan.FromSeconds(30));

        estimate.Estimator.Should().Be("AI (test-model)");
        estimate.ProposedMinutes.Should().Be(210);
        estimate.Confidence.Should().Be(EstimateConfidence.High);
        estimate.FallbackReason.Should().BeNull();
        estimate.LocalMinutes.Should().BeGreaterThanOrEqualTo(60, "the local proposal is kept beside the model's");
        estimate.Similar.Should().NotBeEmpty();
        var request = _model.Requests.Should().ContainSingle().Subject;
        request.Should().StartWith("POST /v1/chat/completions").And.Contain("\"model\":\"test-model\"").And.Contain("WordPress update broke the gallery");
        foreach (var similar in estimate.Similar)
        {
            request.Should().Contain(similar.DisplayNumber);
        }
    }

    [Fact]
    public async Task ShouldFallBackToTheLocalEstimate_WhenTheModelEndpointFails()
    {
        _model.Answer = () => null;

        // A generous timeout: the client's one retry after the first 500 must not be mistaken for slowness.
        var estimate = await EstimateNewAsync(TimeSpan.FromSeconds(30));

        estimate.Estimator.Should().Be(LocalTicketEstimator.Name);
        estimate.ProposedMinutes.Should().Be(estimate.LocalMinutes);
        estimate.FallbackReason.Should().StartWith("the model endpoint failed").And.Contain("500");
    }

    [Fact]
    public async Task ShouldFallBackToTheLocalEstimate_WhenTheModelIsTooSlow()
    {
        _model.Delay = TimeSpan.FromSeconds(4);

        var estimate = await EstimateNewAsync(TimeSpan.FromSeconds(1));

        estimate.Estimator.Should().Be(LocalTicketEstimator.Name);
        estimate.FallbackReason.Should().Be("the model did not answer within 1 s");
    }

    private sealed class ModelFactory(string endpoint, TimeSpan timeout) : PortalWebFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("KtPortal:Estimation:ModelEndpoint", endpoint);
            builder.UseSetting("KtPortal:Estimation:ModelId", "test-model");
            builder.UseSetting("KtPortal:Estimation:ApiKey", "sk-test");
            builder.UseSetting("KtPortal:Estimation:Timeout", timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}

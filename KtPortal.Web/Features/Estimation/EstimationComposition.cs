using System.ClientModel;
using System.ClientModel.Primitives;
using KtPortal.Domain.Estimation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenAI;

namespace KtPortal.Web.Features.Estimation;

/// <summary>
/// The local estimator by default; with KtPortal:Estimation:ModelEndpoint set, an AI model behind an
/// OpenAI-compatible chat API through Microsoft.Extensions.AI, which falls back to the local one on any failure.
/// </summary>
internal static class EstimationComposition
{
    public static void AddPortalEstimation(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(EstimationOptions.Section);
        services.Configure<EstimationOptions>(section);
        var options = section.Get<EstimationOptions>() ?? new EstimationOptions();
        if (!options.UsesModel)
        {
            return;
        }

        services.AddSingleton<IChatClient>(_ =>
        {
            var client = new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? "no-key" : options.ApiKey),
                new OpenAIClientOptions
                {
                    Endpoint = new Uri(options.ModelEndpoint!),
                    // The estimator's own timeout bounds the wait; one quick retry is all a new ticket's estimate is worth.
                    RetryPolicy = new ClientRetryPolicy(maxRetries: 1),
                    NetworkTimeout = options.Timeout,
                });
            return client.GetChatClient(options.ModelId).AsIChatClient();
        });
        services.Replace(ServiceDescriptor.Singleton<ITicketEstimator, ChatTicketEstimator>());
    }
}

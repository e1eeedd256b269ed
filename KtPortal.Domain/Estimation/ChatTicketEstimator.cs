using System.Globalization;
using System.Text.Json;
using System.Text;
using KtPortal.Domain.Billing;
using KtPortal.Domain.Common;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Estimation;

/// <summary>
/// Asks a language model for the estimate, giving it the ticket and the similar resolved tickets the local estimator
/// found (with their charged hours) as context. Returns the same shape; on any failure, timeout or an answer that
/// is not a usable estimate, returns the local proposal and says why.
/// </summary>
public sealed partial class ChatTicketEstimator(
    IChatClient chat, LocalTicketEstimator local, IOptions<EstimationOptions> options, ILogger<ChatTicketEstimator> logger) : ITicketEstimator
{
    private const int MaxHours = 1000;

    public async Task<EstimateProposal> EstimateAsync(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(history);
        var baseline = local.Estimate(subject, history);
        var settings = options.Value;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.Timeout);
        string reason;
        try
        {
            var response = await chat.GetResponseAsync(Prompt(subject, history, baseline),
                new ChatOptions { ResponseFormat = ChatResponseFormat.Json, Temperature = 0, ModelId = settings.ModelId }, deadline.Token);
            if (Parse(response.Text) is { } answer)
            {
                return answer.ToProposal(baseline, $"AI ({settings.ModelId})");
            }

            reason = "the model's answer was not a usable estimate";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"the model did not answer within {settings.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Any failure of the endpoint (network, HTTP status, auth, malformed payload) means: use the local estimate.
            reason = $"the model endpoint failed ({exception.GetType().Name}: {exception.Message})";
        }

        LogFallback(logger, reason);
        return baseline with { FallbackReason = reason };
    }

    internal static List<ChatMessage> Prompt(EstimateSubject subject, IReadOnlyList<ResolvedTicket> history, EstimateProposal baseline)
    {
        var byNumber = history.ToDictionary(t => t.Number);
        var context = new StringBuilder();
        context.AppendLine(CultureInfo.InvariantCulture, $"New ticket ({TicketRules.Label(subject.Type)}, support type {subject.SupportTypeName}):");
        context.AppendLine(CultureInfo.InvariantCulture, $"Title: {subject.Title}");
        context.AppendLine(CultureInfo.InvariantCulture, $"Description: {subject.Description}");
        context.AppendLine();
        if (baseline.Basis.Count == 0)
        {
            context.AppendLine("No similar resolved tickets were found.");
        }
        else
        {
            context.AppendLine("Similar resolved tickets and the hours they were charged:");
            foreach (var similar in baseline.Basis)
            {
                var past = byNumber[similar.Number];
                context.AppendLine(CultureInfo.InvariantCulture,
                    $"- {TicketNumber.Format(past.Number)} ({TicketRules.Label(past.Type)}{(similar.SameClient ? ", same client" : string.Empty)}): \"{past.Title}\" — {Hours.Format(past.ChargedMinutes)} h");
            }
        }

        context.AppendLine();
        context.AppendLine(CultureInfo.InvariantCulture,
            $"A statistical baseline proposes {Hours.Format(baseline.Minutes)} h (range {Hours.Format(baseline.LowMinutes)}–{Hours.Format(baseline.HighMinutes)} h).");
        return
        [
            new(ChatRole.System,
                "You estimate how many hours a web and IT agency will charge for a support ticket. Every ticket is charged at least 1 hour. " +
                "Reply with JSON only: {\"hours\": number, \"low\": number, \"high\": number, \"confidence\": \"low\"|\"medium\"|\"high\", " +
                "\"explanation\": \"one or two sentences naming the similar tickets you relied on\"}."),
            new(ChatRole.User, context.ToString()),
        ];
    }

    /// <summary>The model's JSON, or null when it is not one estimate with low ≤ hours ≤ high within sane bounds.</summary>
    internal static ModelAnswer? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Models wrap JSON in prose or code fences now and then; take the outermost object.
        var start = text.IndexOf('{', StringComparison.Ordinal);
        var end = text.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text.AsMemory(start, end - start + 1));
            var root = document.RootElement;
            if (!TryNumber(root, "hours", out var hours) || !TryNumber(root, "low", out var low) || !TryNumber(root, "high", out var high))
            {
                return null;
            }

            if (hours <= 0 || hours > MaxHours || low <= 0 || high > MaxHours || low > hours || hours > high)
            {
                return null;
            }

            var confidence = root.TryGetProperty("confidence", out var c) && c.ValueKind == JsonValueKind.String
                && Enum.TryParse<EstimateConfidence>(c.GetString(), ignoreCase: true, out var parsed) ? parsed : EstimateConfidence.Low;
            var explanation = root.TryGetProperty("explanation", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString()?.Trim() : null;
            return new ModelAnswer(hours, low, high, confidence, string.IsNullOrEmpty(explanation) ? "The model gave no explanation." : explanation);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryNumber(JsonElement root, string name, out decimal value)
    {
        value = 0;
        return root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var element)
            && element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out value);
    }

    internal sealed record ModelAnswer(decimal Hours, decimal Low, decimal High, EstimateConfidence Confidence, string Explanation)
    {
        public EstimateProposal ToProposal(EstimateProposal baseline, string estimatorName)
        {
            var minutes = ResolvedHistory.Charged(Quarter(Hours));
            var low = Math.Min(minutes, ResolvedHistory.Charged(Quarter(Low)));
            var high = Math.Max(minutes, Quarter(High));
            var basis = baseline.Basis.Count > 0 ? " " + LocalTicketEstimator.Explain(baseline.Basis) : string.Empty;
            return new EstimateProposal(minutes, low, high, Confidence, baseline.BasisKind, baseline.Basis, Explanation + basis, estimatorName);
        }

        private static int Quarter(decimal hours) => (int)Math.Round(hours * 4, MidpointRounding.AwayFromZero) * 15;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AI estimate not used, local estimate instead: {Reason}")]
    private static partial void LogFallback(ILogger logger, string reason);
}

using KtPortal.Domain.Estimation;
using KtPortal.Domain.SupportTypes;
using KtPortal.Domain.Tickets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KtPortal.Tests.Domain.Estimation;

public sealed class ChatTicketEstimatorTests
{
    private static readonly DateTime Resolved = new(2026, 10, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<ResolvedTicket> History =
    [
        new(1012, 1, TicketType.Troubleshooting, SupportType.TroubleshootingId, "Backups failing nightly", "", 120, Resolved),
        new(988, 1, TicketType.Troubleshooting, SupportType.TroubleshootingId, "Nightly backups failing", "", 180, Resolved),
        new(990, 2, TicketType.ServiceRequest, SupportType.DevelopmentId, "Landing page", "", 480, Resolved),
    ];

    private static readonly EstimateSubject Subject = new(1, TicketType.Troubleshooting, SupportType.TroubleshootingId, "Troubleshooting",
        "Backups failing every night", "The backup e-mail says failed.");

    private static ChatTicketEstimator Estimator(IChatClient chat, TimeSpan? timeout = null) =>
        new(chat, new LocalTicketEstimator(), Options.Create(new EstimationOptions { ModelEndpoint = "http://model", ModelId = "test-model", Timeout = timeout ?? TimeSpan.FromSeconds(5) }),
            NullLogger<ChatTicketEstimator>.Instance);

    [Fact]
    public async Task ShouldSendSimilarTicketsWithChargedHours_AndReadTheAnswerInTheSameShape()
    {
        var chat = new ScriptedChatClient(_ => "```json\n{\"hours\": 2.4, \"low\": 1.5, \"high\": 3, \"confidence\": \"medium\", \"explanation\": \"Like KT-1012 and KT-988.\"}\n```");

        var proposal = await Estimator(chat).EstimateAsync(Subject, History);

        proposal.Minutes.Should().Be(150, "2.4 h in quarter hours");
        proposal.LowMinutes.Should().Be(90);
        proposal.HighMinutes.Should().Be(180);
        proposal.Confidence.Should().Be(EstimateConfidence.Medium);
        proposal.EstimatorName.Should().Be("AI (test-model)");
        proposal.FallbackReason.Should().BeNull();
        proposal.Basis.Select(b => b.Number).Should().BeEquivalentTo([1012, 988], "the similar tickets are listed whoever proposed");
        proposal.Explanation.Should().StartWith("Like KT-1012 and KT-988.").And.Contain("Based on KT-");
        var prompt = chat.LastPrompt!;
        prompt.Should().Contain("Backups failing every night").And.Contain("KT-1012 (Troubleshooting, same client): \"Backups failing nightly\" — 2 h")
            .And.Contain("KT-988").And.NotContain("Landing page");
        chat.LastOptions!.ResponseFormat.Should().Be(ChatResponseFormat.Json);
    }

    [Theory]
    [InlineData("I think about three hours.")]
    [InlineData("{\"hours\": 3}")]
    [InlineData("{\"hours\": 5, \"low\": 6, \"high\": 8}")]
    [InlineData("{\"hours\": -1, \"low\": -2, \"high\": 1}")]
    [InlineData("{\"hours\": \"three\", \"low\": 1, \"high\": 4}")]
    [InlineData("{\"hours\": 3, \"low\": 2, \"high\": 4")]
    public async Task ShouldFallBackToTheLocalProposal_WhenTheAnswerIsNoUsableEstimate(string answer)
    {
        var proposal = await Estimator(new ScriptedChatClient(_ => answer)).EstimateAsync(Subject, History);

        proposal.EstimatorName.Should().Be(LocalTicketEstimator.Name);
        proposal.Minutes.Should().Be(150, "the local median of 2 h and 3 h");
        proposal.FallbackReason.Should().Be("the model's answer was not a usable estimate");
    }

    [Fact]
    public async Task ShouldFallBackAndSayWhy_WhenTheEndpointFails()
    {
        var proposal = await Estimator(new ScriptedChatClient(_ => throw new HttpRequestException("connection refused"))).EstimateAsync(Subject, History);

        proposal.EstimatorName.Should().Be(LocalTicketEstimator.Name);
        proposal.FallbackReason.Should().Be("the model endpoint failed (HttpRequestException: connection refused)");
    }

    [Fact]
    public async Task ShouldFallBack_WhenTheModelDoesNotAnswerInTime()
    {
        var proposal = await Estimator(new ScriptedChatClient(_ => null), TimeSpan.FromMilliseconds(200)).EstimateAsync(Subject, History);

        proposal.EstimatorName.Should().Be(LocalTicketEstimator.Name);
        proposal.FallbackReason.Should().Be("the model did not answer within 0.2 s");
    }

    [Fact]
    public async Task ShouldNotSwallow_TheCallersOwnCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await FluentActions.Awaiting(() => Estimator(new ScriptedChatClient(_ => null)).EstimateAsync(Subject, History, cancelled.Token))
            .Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Answers with the scripted text; a null answer never comes (waits until cancelled).</summary>
    private sealed class ScriptedChatClient(Func<string, string?> answer) : IChatClient
    {
        public string? LastPrompt { get; private set; }

        public ChatOptions? LastOptions { get; private set; }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            LastPrompt = string.Join("\n", messages.Select(m => m.Text));
            LastOptions = options;
            cancellationToken.ThrowIfCancellationRequested();
            var text = answer(LastPrompt);
            if (text is null)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            return new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

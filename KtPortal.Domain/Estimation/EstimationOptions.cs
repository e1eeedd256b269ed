namespace KtPortal.Domain.Estimation;

/// <summary>
/// KtPortal:Estimation. With no <see cref="ModelEndpoint"/> the local estimator is used; with one, an AI model
/// behind an OpenAI-compatible chat endpoint proposes, and the local estimator stands in whenever it fails.
/// </summary>
public sealed class EstimationOptions
{
    public const string Section = "KtPortal:Estimation";

    /// <summary>Base URL of an OpenAI-compatible API (OpenAI, Azure OpenAI's v1 endpoint, Ollama, vLLM...).</summary>
    public string? ModelEndpoint { get; set; }

    public string ModelId { get; set; } = "gpt-4o-mini";

    public string? ApiKey { get; set; }

    /// <summary>How long to wait for the model before the local estimate is used instead.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the sweep looks for open tickets without an estimate.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    public bool UsesModel => !string.IsNullOrWhiteSpace(ModelEndpoint);
}

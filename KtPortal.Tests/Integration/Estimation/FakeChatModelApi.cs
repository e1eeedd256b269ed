using System.Net;
using System.Text;
using System.Text.Json;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Integration.Estimation;

/// <summary>An OpenAI-compatible chat completions endpoint on loopback, answering as scripted and keeping what it was sent.</summary>
public sealed class FakeChatModelApi : LocalHttpStandIn
{
    /// <summary>What the model says (the assistant message's content); null answers 500.</summary>
    public Func<string?> Answer { get; set; } = () => "{\"hours\": 3.5, \"low\": 3, \"high\": 5, \"confidence\": \"high\", \"explanation\": \"Scripted.\"}";

    /// <summary>How long to wait before answering.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public List<string> Requests { get; } = [];

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
        {
            Requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}\n{await reader.ReadToEndAsync()}");
        }

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        var content = Answer();
        if (content is null)
        {
            context.Response.StatusCode = 500;
            await WriteAsync(context, "{\"error\": {\"message\": \"The model is overloaded\", \"type\": \"server_error\"}}");
            return;
        }

        var body = JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 1_764_000_000,
            model = "test-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 100, completion_tokens = 20, total_tokens = 120 },
        });
        await WriteAsync(context, body);
    }

    private static async Task WriteAsync(HttpListenerContext context, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        context.Response.ContentType = "application/json";
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
    }
}

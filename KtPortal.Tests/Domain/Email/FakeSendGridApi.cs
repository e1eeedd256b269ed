using System.Net;
using System.Text;
using KtPortal.Tests.TestSupport;

namespace KtPortal.Tests.Domain.Email;

/// <summary>A local HTTP server standing in for SendGrid's v3 mail API: records each request, answers as told.</summary>
public sealed class FakeSendGridApi : LocalHttpStandIn
{
    public List<(string Method, string Path, string? Authorization, string Body)> Requests { get; } = [];

    /// <summary>The status codes of the next answers (then 202 Accepted).</summary>
    public Queue<int> Answers { get; } = new();

    /// <summary>While true every request is answered 503, as during an outage.</summary>
    public bool Down { get; set; }

    /// <summary>The bodies of the requests answered 202 Accepted: what was really sent.</summary>
    public List<string> Accepted { get; } = [];

    protected override async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        int status;
        int count;
        lock (Requests)
        {
            Requests.Add((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
            status = Down ? 503 : Answers.Count > 0 ? Answers.Dequeue() : 202;
            count = Requests.Count;
            if (status == 202)
            {
                Accepted.Add(body);
            }
        }

        context.Response.StatusCode = status;
        if (status == 202)
        {
            context.Response.Headers["X-Message-Id"] = $"sg-{count}";
            return;
        }

        var error = Encoding.UTF8.GetBytes("""{"errors":[{"message":"The from address does not match a verified Sender Identity."}]}""");
        await context.Response.OutputStream.WriteAsync(error);
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KtPortal.Tests.Domain.Email;

/// <summary>A local HTTP server standing in for SendGrid's v3 mail API: records each request, answers as told.</summary>
public sealed class FakeSendGridApi : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public FakeSendGridApi()
    {
        using (var socket = new TcpListener(IPAddress.Loopback, 0))
        {
            socket.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndpoint).Port}";
        }

        _listener.Prefixes.Add(BaseUrl + "/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string BaseUrl { get; }

    public List<(string Method, string Path, string? Authorization, string Body)> Requests { get; } = [];

    /// <summary>The status codes of the next answers (then 202 Accepted).</summary>
    public Queue<int> Answers { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            int status;
            lock (Requests)
            {
                Requests.Add((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["Authorization"], body));
                status = Answers.Count > 0 ? Answers.Dequeue() : 202;
            }

            context.Response.StatusCode = status;
            if (status == 202)
            {
                context.Response.Headers["X-Message-Id"] = $"sg-{Requests.Count}";
            }
            else
            {
                var error = Encoding.UTF8.GetBytes("""{"errors":[{"message":"The from address does not match a verified Sender Identity."}]}""");
                await context.Response.OutputStream.WriteAsync(error);
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}

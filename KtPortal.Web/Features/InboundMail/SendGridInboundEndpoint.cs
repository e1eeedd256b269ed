using System.Data.Common;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using KtPortal.Domain.Email;
using KtPortal.Domain.InboundMail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtPortal.Web.Features.InboundMail;

/// <summary>
/// <c>POST /webhooks/sendgrid/inbound</c>: SendGrid Inbound Parse in raw mode (a form whose <c>email</c> field is the
/// whole MIME message; <c>message/rfc822</c> bodies are accepted too). Guarded by <c>KtPortal:Email:InboundSecret</c>
/// as <c>?key=</c> or the basic-auth password. A post that holds no message gets 400 and is kept for inspection; a
/// database failure gets 503, so SendGrid keeps the message and retries (it does for up to three days).
/// </summary>
internal static class SendGridInboundEndpoint
{
    public static void MapSendGridInbound(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/webhooks/sendgrid/inbound", HandleAsync).AllowAnonymous().DisableAntiforgery();

    private static async Task<IResult> HandleAsync(
        HttpRequest request, IOptions<EmailOptions> options, InboundMailService inbound, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger("KtPortal.Web.SendGridInbound");
        var secret = options.Value.InboundSecret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            return Results.Problem("Inbound e-mail is not configured.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (!Authorized(request, secret))
        {
            request.HttpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"inbound\"";
            return Results.Problem("The inbound secret is missing or wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (request.ContentLength > options.Value.MaxInboundBytes)
        {
            return Results.Problem("The message is larger than the inbound limit.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        try
        {
            var (raw, envelope, problem) = await ReadMessageAsync(request, options.Value.MaxInboundBytes, cancellationToken);
            var result = raw is null
                ? await inbound.KeepMalformedAsync(problem.Body, InboundSource.Webhook, problem.Reason, cancellationToken)
                : await inbound.ReceiveAsync(raw, InboundSource.Webhook, envelope, cancellationToken);
            logger.LogInformation("Inbound mail {Id}: {Outcome}{Duplicate} ({Reason})", result.Id, result.Outcome, result.Duplicate ? " (again)" : string.Empty, result.Reason);
            return result.Outcome == InboundOutcome.Malformed
                ? Results.Problem($"{result.Reason} It was kept for inspection as inbound message {result.Id}.", statusCode: StatusCodes.Status400BadRequest)
                : Results.Ok(new { id = result.Id, outcome = result.Outcome.ToString(), duplicate = result.Duplicate, ticket = result.TicketNumber });
        }
        catch (Exception ex) when (IsDatabaseFailure(ex))
        {
            logger.LogWarning(ex, "Inbound mail not stored: the database is unavailable; SendGrid will retry");
            request.HttpContext.Response.Headers.RetryAfter = "60";
            return Results.Problem("The portal cannot store mail right now; please retry.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private sealed record Problem(byte[] Body, string Reason);

    private static async Task<(byte[]? Raw, InboundEnvelope Envelope, Problem Problem)> ReadMessageAsync(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        request.EnableBuffering(bufferThreshold: 1024 * 1024, bufferLimit: maxBytes);
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (InvalidDataException ex)
            {
                return (null, InboundEnvelope.None, new Problem(await BodyAsync(request, cancellationToken), $"The form could not be read: {ex.Message}"));
            }

            var envelope = Envelope(form);
            if (form.Files.GetFile("email") is { } file)
            {
                await using var stream = file.OpenReadStream();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken);
                return (copy.ToArray(), envelope, null!);
            }

            var email = form["email"].ToString();
            if (email.Length > 0)
            {
                // Raw mode posts the message as text; SendGrid decodes it as UTF-8 (the "charsets" field says so), and
                // the MIME inside keeps its own encodings in transfer-encoded form, so these bytes are the message.
                return (Encoding.UTF8.GetBytes(email), envelope, null!);
            }

            return (null, InboundEnvelope.None, new Problem(await BodyAsync(request, cancellationToken), "The post has no \"email\" field (is Inbound Parse set to raw mode?)."));
        }

        var body = await BodyAsync(request, cancellationToken);
        return request.ContentType?.StartsWith("message/rfc822", StringComparison.OrdinalIgnoreCase) == true && body.Length > 0
            ? (body, InboundEnvelope.None, null!)
            : (null, InboundEnvelope.None, new Problem(body, $"Expected a SendGrid Inbound Parse form, not \"{request.ContentType ?? "no content type"}\"."));
    }

    private static async Task<byte[]> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>
    /// What SendGrid saw: the envelope (<c>{"to":["support+kt-1042.…@…"],"from":"bounce@acme.test"}</c>, the real
    /// recipients, Bcc included, and the MAIL FROM that SPF checked) and its own <c>SPF</c> and <c>dkim</c> results.
    /// These come from SendGrid, not from the message, and the post is authenticated by the inbound secret.
    /// </summary>
    private static InboundEnvelope Envelope(IFormCollection form)
    {
        var spf = form["SPF"].ToString();
        var dkim = form["dkim"].ToString();
        var text = form["envelope"].ToString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new InboundEnvelope([], null, spf, dkim);
        }

        try
        {
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            IReadOnlyList<string> to = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("to", out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
            var from = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
            return new InboundEnvelope(to, from, spf, dkim);
        }
        catch (JsonException)
        {
            return new InboundEnvelope([], null, spf, dkim);
        }
    }

    private static bool Authorized(HttpRequest request, string secret)
    {
        var given = request.Query["key"].ToString();
        var header = request.Headers.Authorization.ToString();
        if (given.Length == 0 && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                given = colon >= 0 ? decoded[(colon + 1)..] : string.Empty;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(secret));
    }

    private static bool IsDatabaseFailure(Exception ex) =>
        ex is DbException or DbUpdateException or TimeoutException
        || (ex is InvalidOperationException && ex.InnerException is DbException);
}

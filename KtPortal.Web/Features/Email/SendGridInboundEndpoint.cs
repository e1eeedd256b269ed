using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KtPortal.Domain.Email;
using KtPortal.Domain.Email.Inbound;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KtPortal.Web.Features.Email;

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
            var (raw, recipients, problem) = await ReadMessageAsync(request, options.Value.MaxInboundBytes, cancellationToken);
            var result = raw is null
                ? await inbound.KeepMalformedAsync(problem.Body, InboundSource.Webhook, problem.Reason, cancellationToken)
                : await inbound.ReceiveAsync(raw, InboundSource.Webhook, recipients, cancellationToken);
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

    private static async Task<(byte[]? Raw, IReadOnlyList<string> Recipients, Problem Problem)> ReadMessageAsync(
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
                return (null, [], new Problem(await BodyAsync(request, cancellationToken), $"The form could not be read: {ex.Message}"));
            }

            var recipients = EnvelopeRecipients(form["envelope"].ToString());
            if (form.Files.GetFile("email") is { } file)
            {
                await using var stream = file.OpenReadStream();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy, cancellationToken);
                return (copy.ToArray(), recipients, null!);
            }

            var email = form["email"].ToString();
            if (email.Length > 0)
            {
                // Raw mode posts the message as text; SendGrid decodes it as UTF-8 (the "charsets" field says so), and
                // the MIME inside keeps its own encodings in transfer-encoded form, so these bytes are the message.
                return (Encoding.UTF8.GetBytes(email), recipients, null!);
            }

            return (null, [], new Problem(await BodyAsync(request, cancellationToken), "The post has no \"email\" field (is Inbound Parse set to raw mode?)."));
        }

        var body = await BodyAsync(request, cancellationToken);
        return request.ContentType?.StartsWith("message/rfc822", StringComparison.OrdinalIgnoreCase) == true && body.Length > 0
            ? (body, [], null!)
            : (null, [], new Problem(body, $"Expected a SendGrid Inbound Parse form, not \"{request.ContentType ?? "no content type"}\"."));
    }

    private static async Task<byte[]> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.Body.Position = 0;
        using var copy = new MemoryStream();
        await request.Body.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    /// <summary>SendGrid's envelope: <c>{"to":["support+kt-1042@…"],"from":"…"}</c>; the real recipients, Bcc included.</summary>
    private static IReadOnlyList<string> EnvelopeRecipients(string envelope)
    {
        if (string.IsNullOrWhiteSpace(envelope))
        {
            return [];
        }

        try
        {
            using var json = JsonDocument.Parse(envelope);
            return json.RootElement.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.Array
                ? [.. to.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [];
        }
        catch (JsonException)
        {
            return [];
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

using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace KtPortal.Domain.Email.Outbound;

/// <summary>
/// Sends through SendGrid's v3 mail API. 202 is success (the answer's X-Message-Id is recorded); 429 and 5xx and
/// network failures are retried by the outbox; any other answer is a refusal that retrying will not fix.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender
{
    private readonly SendGridClient _client;

    public SendGridEmailSender(IOptions<EmailOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = new SendGridClient(new HttpClient { Timeout = TimeSpan.FromSeconds(30) }, new SendGridClientOptions
        {
            ApiKey = options.Value.SendGridApiKey,
            Host = options.Value.SendGridHost.TrimEnd('/'),
        });
    }

    public async Task<string> SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        var message = new SendGridMessage
        {
            From = new EmailAddress(email.FromAddress, email.FromName),
            Subject = email.Subject,
            PlainTextContent = email.Text,
            HtmlContent = string.IsNullOrEmpty(email.Html) ? null : email.Html,
        };
        message.AddTo(new EmailAddress(email.ToAddress));
        if (email.ReplyTo is not null)
        {
            message.SetReplyTo(new EmailAddress(email.ReplyTo));
        }

        message.AddGlobalHeader("Auto-Submitted", "auto-generated");
        message.AddGlobalHeader("X-KtPortal-Key", email.IdempotencyKey);
        message.AddGlobalCustomArg("outbox_key", email.IdempotencyKey);
        foreach (var attachment in email.Attachments)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        }

        Response response;
        try
        {
            response = await _client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new EmailSendException($"SendGrid could not be reached: {ex.Message}", permanent: false, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new EmailSendException("SendGrid did not answer in time.", permanent: false, ex);
        }

        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
            return id is null ? $"{status} {response.StatusCode}" : $"{status} {response.StatusCode}, X-Message-Id {id}";
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var detail = $"SendGrid answered {status} {response.StatusCode}: {(body.Length > 500 ? body[..500] : body)}";
        var transient = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
        throw new EmailSendException(detail, permanent: !transient);
    }
}

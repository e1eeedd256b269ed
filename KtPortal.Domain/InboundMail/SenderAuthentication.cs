using MimeKit.Cryptography;

namespace KtPortal.Domain.InboundMail;

/// <summary>How the portal knows who sent a message; <see cref="NotVerified"/> means the From header is only a claim.</summary>
public enum SenderVerification
{
    NotVerified = 0,

    /// <summary>Sent to a reply address signed for this sender (<see cref="ReplyAddresses"/>).</summary>
    ReplyAddress = 1,

    /// <summary>SPF passed for an envelope sender in the From domain.</summary>
    Spf = 2,

    /// <summary>A DKIM signature of the From domain verified.</summary>
    Dkim = 3,

    /// <summary>The receiving server's DMARC check passed (SPF or DKIM aligned with From).</summary>
    Dmarc = 4,
}

/// <summary>What the receiving server reported: SendGrid Inbound Parse's fields, with the envelope it saw.</summary>
public sealed record InboundEnvelope(IReadOnlyList<string> Recipients, string? MailFrom = null, string? Spf = null, string? Dkim = null)
{
    public static InboundEnvelope None { get; } = new([]);
}

/// <summary>
/// Decides whether the From domain is proven by the receiving server's checks, aligned the way DMARC aligns them: SPF
/// counts only for an envelope sender in the From domain (or a sub- or parent domain of it), DKIM only for a signature
/// by that domain. Two sources, never the message's own say-so: SendGrid's <c>SPF</c>/<c>dkim</c> fields (the webhook is
/// authenticated by its secret), and <c>Authentication-Results</c> headers whose authserv-id is configured as ours.
/// Parsing is plain string work (no regular expressions).
/// </summary>
public static class SenderAuthentication
{
    public static SenderVerification Evaluate(
        string fromAddress, InboundEnvelope? envelope, IEnumerable<AuthenticationResults> headers, IEnumerable<string> trustedAuthServIds)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(trustedAuthServIds);
        var fromDomain = DomainOf(fromAddress);
        if (fromDomain is null)
        {
            return SenderVerification.NotVerified;
        }

        if (envelope is not null)
        {
            if (DkimPasses(envelope.Dkim, fromDomain))
            {
                return SenderVerification.Dkim;
            }

            if (IsPass(envelope.Spf) && DomainOf(envelope.MailFrom) is { } mailFrom && Aligned(mailFrom, fromDomain))
            {
                return SenderVerification.Spf;
            }
        }

        var trusted = trustedAuthServIds.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var best = SenderVerification.NotVerified;
        foreach (var header in headers.Where(h => h.AuthenticationServiceIdentifier is { } id && trusted.Contains(id)))
        {
            foreach (var result in header.Results.Where(r => IsPass(r.Result)))
            {
                var found = result.Method.ToLowerInvariant() switch
                {
                    "dmarc" when PropertyDomain(result, "header", "from") is not { } d || Aligned(d, fromDomain) => SenderVerification.Dmarc,
                    "dkim" when (PropertyDomain(result, "header", "d") ?? PropertyDomain(result, "header", "i")) is { } d && Aligned(d, fromDomain) => SenderVerification.Dkim,
                    "spf" when PropertyDomain(result, "smtp", "mailfrom") is { } d && Aligned(d, fromDomain) => SenderVerification.Spf,
                    _ => SenderVerification.NotVerified,
                };
                best = found > best ? found : best;
            }
        }

        return best;
    }

    /// <summary>SendGrid's <c>dkim</c> field: <c>{@acme.test : pass, @sendgrid.net : fail}</c>, or <c>none</c>.</summary>
    private static bool DkimPasses(string? field, string fromDomain)
    {
        if (string.IsNullOrWhiteSpace(field))
        {
            return false;
        }

        foreach (var entry in field.Trim().Trim('{', '}').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = entry.LastIndexOf(':');
            if (colon <= 0)
            {
                continue;
            }

            var domain = entry[..colon].Trim().TrimStart('@');
            if (IsPass(entry[(colon + 1)..]) && Aligned(domain, fromDomain))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsPass(string? result) => string.Equals(result?.Trim(), "pass", StringComparison.OrdinalIgnoreCase);

    private static string? PropertyDomain(AuthenticationMethodResult result, string type, string property) =>
        result.Properties
            .Where(p => string.Equals(p.PropertyType, type, StringComparison.OrdinalIgnoreCase) && string.Equals(p.Property, property, StringComparison.OrdinalIgnoreCase))
            .Select(p => DomainOf(p.Value))
            .FirstOrDefault(d => d is not null);

    /// <summary>The domain of an address ("x@acme.test"), or the value itself when it is already a domain.</summary>
    public static string? DomainOf(string? addressOrDomain)
    {
        var text = addressOrDomain?.Trim().Trim('<', '>').TrimEnd('.');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var at = text.LastIndexOf('@');
        var domain = (at >= 0 ? text[(at + 1)..] : text).ToLowerInvariant();
        return domain.Contains('.', StringComparison.Ordinal) ? domain : null;
    }

    /// <summary>
    /// Relaxed alignment without the public suffix list: the same domain, or one a subdomain of the other where the
    /// shorter has at least two labels ("mail.acme.test" and "acme.test"; never "acme.test" and "test"). An SPF or DKIM
    /// pass for a public suffix such as "co.uk" would need its owner's DNS, so the shortcut admits nobody it should not.
    /// </summary>
    public static bool Aligned(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a = a.ToLowerInvariant().TrimEnd('.');
        b = b.ToLowerInvariant().TrimEnd('.');
        if (a == b)
        {
            return true;
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return shorter.Contains('.', StringComparison.Ordinal) && longer.EndsWith("." + shorter, StringComparison.Ordinal);
    }
}

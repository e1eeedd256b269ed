using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KtPortal.Domain.Email;

/// <summary>A ticket reply address read back: the ticket it names and, when signed, the signature it carries.</summary>
public sealed record ReplyAddress(int TicketNumber, string? Signature);

/// <summary>
/// Reply addresses that say who may use them: <c>support+kt-1042.k3f9…@reply.example</c> carries an HMAC of the ticket
/// and the recipient's user id, keyed by <c>KtPortal:Email:ReplyAddressKey</c>. Only someone who received the portal's
/// message for that ticket knows it, so a reply to it is that person's, whatever else the mail claims; an address
/// without a signature (or with a wrong one) proves nothing. Signatures are compared in constant time.
/// </summary>
public sealed class ReplyAddresses(IOptions<EmailOptions> options)
{
    /// <summary>80 bits of the HMAC: far beyond guessing by mail, short enough for a readable local part.</summary>
    private const int SignatureBytes = 10;

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>True when addresses are signed (a key is configured).</summary>
    public bool CanSign => Key().Length > 0;

    /// <summary>
    /// The address a recipient replies to for a ticket: signed for that user when a key is configured, the old
    /// unsigned form otherwise; null when no inbound domain is configured.
    /// </summary>
    public string? For(int ticketNumber, string? userId)
    {
        var email = options.Value;
        if (string.IsNullOrWhiteSpace(email.InboundDomain))
        {
            return null;
        }

        var local = $"{email.ReplyLocalPart}+kt-{ticketNumber}";
        return userId is not null && CanSign
            ? $"{local}.{Sign(ticketNumber, userId)}@{email.InboundDomain}"
            : $"{local}@{email.InboundDomain}";
    }

    /// <summary>True when <paramref name="signature"/> was made for this ticket and this user.</summary>
    public bool Verify(int ticketNumber, string signature, string userId)
    {
        ArgumentNullException.ThrowIfNull(signature);
        ArgumentNullException.ThrowIfNull(userId);
        if (!CanSign)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(ticketNumber, userId));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>
    /// Reads "<c>{anything}+kt-1042[.signature]@{domain}</c>" (any case) by plain string scanning, so a hostile
    /// recipient list costs linear time. Null when the address is not a ticket reply address.
    /// </summary>
    public static ReplyAddress? Parse(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }

        var at = address.LastIndexOf('@');
        var plus = at < 0 ? -1 : address.LastIndexOf('+', at);
        if (plus < 0 || at - plus < 5 || !address.AsSpan(plus + 1, 3).Equals("kt-", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var tag = address.AsSpan(plus + 4, at - plus - 4);
        var dot = tag.IndexOf('.');
        var digits = dot < 0 ? tag : tag[..dot];
        if (digits.Length is 0 or > 9 || !digits.ToString().All(char.IsAsciiDigit))
        {
            return null;
        }

        var number = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        var signature = dot < 0 ? null : tag[(dot + 1)..].ToString();
        return new ReplyAddress(number, string.IsNullOrEmpty(signature) ? null : signature);
    }

    private string Sign(int ticketNumber, string userId)
    {
        var mac = HMACSHA256.HashData(Key(), Encoding.UTF8.GetBytes($"kt-{ticketNumber}:{userId}"));
        return Base32(mac.AsSpan(0, SignatureBytes));
    }

    private byte[] Key() => Encoding.UTF8.GetBytes(options.Value.ReplyAddressKey ?? string.Empty);

    /// <summary>Lower-case base32: survives mail systems that change the case of local parts.</summary>
    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Base32Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Base32Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }
}

using System.Text;
using System.Text.RegularExpressions;
using KtPortal.Domain.Email.Templates;

namespace KtPortal.Domain.InboundMail;

/// <summary>
/// Keeps only what the sender wrote: drops quoted history, quote headers ("On … wrote:" in the languages our clients
/// write in), forwarded-header blocks (Outlook's From:/Sent:), separators, signatures after "-- " and mobile sign-offs.
/// The rules follow github/email_reply_parser and willdurand/EmailReplyParser, whose real-world fixtures the tests
/// run; where a quote header is followed by "&gt;"-quoted lines, text after the quote is kept (bottom-posting and
/// inline answers), and where it is followed by unquoted text (Outlook, Zimbra, many phones) everything after it is
/// history.
/// </summary>
public static partial class ReplyTrimmer
{
    private const int HeaderLookahead = 3;

    public static string Trim(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var kept = new List<string>();
        var previousQuoted = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Contains(EmailLayout.ReplyMarker, StringComparison.Ordinal) || IsHardSeparator(lines, i))
            {
                break;
            }

            // A quoted paragraph that the client re-wrapped leaves its tail unquoted right under a quoted line.
            if (IsQuoted(line) || (previousQuoted && line.Trim().Length > 0))
            {
                previousQuoted = true;
                continue;
            }

            previousQuoted = false;

            if (QuoteHeaderLength(lines, i) is var headerLines and > 0)
            {
                if (!NextContentIsQuoted(lines, i + headerLines))
                {
                    break;
                }

                i += headerLines - 1;
                continue;
            }

            kept.Add(line);
        }

        return Tidy(kept);
    }

    private static bool IsQuoted(string line) => line.TrimStart().StartsWith('>');

    /// <summary>Lines after which everything is history or signature, whatever follows.</summary>
    private static bool IsHardSeparator(string[] lines, int i)
    {
        var line = lines[i];
        var trimmed = line.Trim();
        return SignatureDelimiter().IsMatch(line)
            || OriginalMessage().IsMatch(trimmed)
            || Underscores().IsMatch(trimmed)
            || EqualsLine().IsMatch(trimmed)
            || MobileSignature().IsMatch(trimmed)
            || (FromLabel().IsMatch(line) && NextLineIsHeader(lines, i));
    }

    /// <summary>Outlook's header block: "From: …" followed at once by "Sent: …", "Date: …", "Envoyé : …" and the like.</summary>
    private static bool NextLineIsHeader(string[] lines, int i)
    {
        for (var j = i + 1; j < lines.Length && j <= i + 2; j++)
        {
            if (lines[j].Trim().Length == 0)
            {
                continue;
            }

            return HeaderLabel().IsMatch(lines[j]);
        }

        return false;
    }

    /// <summary>How many lines (1 to 3) form a quote header starting at <paramref name="i"/>; 0 when none does.</summary>
    private static int QuoteHeaderLength(string[] lines, int i)
    {
        var joined = new StringBuilder();
        for (var n = 0; n < HeaderLookahead && i + n < lines.Length; n++)
        {
            var line = lines[i + n].Trim();

            // Gmail can wrap the address so that only ">:" is left for the last line.
            if (line.Length == 0 || (n > 0 && IsQuoted(line) && line != ">:"))
            {
                return 0;
            }

            joined.Append(n == 0 ? string.Empty : " ").Append(line);
            if (joined.Length > 400)
            {
                return 0;
            }

            // A header that wraps starts with its date or address ("On Tue, Mar 1, 2011 at …"), so "Hi," followed by
            // "On … wrote:" is a greeting and a one-line header, not one header of two lines.
            var candidate = joined.ToString();
            if (candidate.EndsWith(':') && QuoteVerb().IsMatch(candidate) && (n == 0 || HeaderStart().IsMatch(lines[i])))
            {
                return n + 1;
            }
        }

        return 0;
    }

    private static bool NextContentIsQuoted(string[] lines, int from)
    {
        for (var j = from; j < lines.Length; j++)
        {
            if (lines[j].Trim().Length > 0)
            {
                return IsQuoted(lines[j]);
            }
        }

        return true;
    }

    /// <summary>Drops a trailing sign-off ("-Abhishek") and separators, and blank lines at either end.</summary>
    private static string Tidy(List<string> kept)
    {
        while (kept.Count > 0 && (kept[^1].Trim().Length == 0 || SeparatorOnly().IsMatch(kept[^1])))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        if (kept.Count > 0 && SignOff().IsMatch(kept[^1].Trim()))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        var text = string.Join('\n', kept.Select(l => l.TrimEnd()));
        text = ExtraBlankLines().Replace(text, "\n\n");
        return text.Trim('\n', ' ', '\t');
    }

    [GeneratedRegex(@"^--\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex SignatureDelimiter();

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Oorspronkelijk bericht|Opprinnelig melding|Ursprungligt meddelande|Oprindelig meddelelse|Alkuperäinen viesti|Wiadomość oryginalna|Původní zpráva|Mensagem original)\s*-{2,}$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^_{5,}$", RegexOptions.NonBacktracking)]
    private static partial Regex Underscores();

    [GeneratedRegex(@"^={30,}$", RegexOptions.NonBacktracking)]
    private static partial Regex EqualsLine();

    /// <summary>"Sent from my iPhone" and its cousins: a few words, no sentence punctuation (so real sentences stay).</summary>
    [GeneratedRegex(@"^(Sent from my|Sent from Mail for|Sent from Outlook|Get Outlook for|Envoyé de mon|Envoyé depuis mon|Verstuurd vanaf mijn|Verzonden vanaf mijn|Enviado desde mi|Enviado do meu|Gesendet von meinem|Von meinem|Inviato da|Skickat från min|Sendt fra min|Wysłane z mojego)\b[^.,;:!?]{0,60}$", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex MobileSignature();

    [GeneratedRegex(@"^\s*\*?(From|De|Van|Da|Von|Fra|Från|Od|Lähettäjä|Feladó|От|Kimden|发件人|寄件者|送信者|差出人)\s?:\*?\s*\S", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex FromLabel();

    [GeneratedRegex(@"^\s*\*?(Sent|Date|Datum|Envoyé|Envoyé le|Verzonden|Inviato|Gesendet|Enviado|Fecha|Data|Sendt|Skickat|Wysłano|Odesláno|Lähetetty|Dátum|Отправлено|Tarih|发送时间|寄件日期|送信日時|To|À|Aan|A|An|Para|Til|Till|Do|Komu|Vastaanottaja|Címzett|Кому|Kime|收件人|Subject|Objet|Onderwerp|Oggetto|Betreff|Asunto|Assunto|Emne|Ämne|Temat|Předmět|Aihe|Tárgy|Тема|Konu|主题)\s?:", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex HeaderLabel();

    /// <summary>The verb of a quote header in English, French, German, Spanish, Dutch, Nordic, Polish, Italian, Portuguese, Czech, Finnish, Hungarian, Russian, Ukrainian, Turkish and Chinese.</summary>
    [GeneratedRegex(@"(wrote|writes|a écrit|schrieb|escribió|escribio|schreef|skrev|napisał|napisal|pisze|ha scritto|scrisse|escreveu|napsal|kirjoitti|írta|написал|написала|написав|yazdı|写道|寫道)", RegexOptions.IgnoreCase | RegexOptions.NonBacktracking)]
    private static partial Regex QuoteVerb();

    [GeneratedRegex(@"[0-9@<]", RegexOptions.NonBacktracking)]
    private static partial Regex HeaderStart();

    [GeneratedRegex(@"^\s*[-_=*\s]+\s*$", RegexOptions.NonBacktracking)]
    private static partial Regex SeparatorOnly();

    [GeneratedRegex(@"^-\s?\p{Lu}\p{L}+(\s\p{Lu}\p{L}+){0,2}$", RegexOptions.NonBacktracking)]
    private static partial Regex SignOff();

    [GeneratedRegex(@"\n{3,}", RegexOptions.NonBacktracking)]
    private static partial Regex ExtraBlankLines();
}

namespace KtPortal.Domain.CannedReplies;

/// <summary>
/// The variables a canned reply may use, written <c>{{client.name}}</c> (spaces inside the braces allowed). The text
/// is read with a plain scan for "{{" and "}}": no regular expression meets what staff type.
/// </summary>
public static class CannedReplyVariables
{
    public const string ClientName = "client.name";
    public const string RequesterFirstName = "requester.first_name";
    public const string RequesterName = "requester.name";
    public const string TicketNumber = "ticket.number";
    public const string TicketTitle = "ticket.title";
    public const string PlanHoursLeft = "plan.hours_left";
    public const string AgentFirstName = "agent.first_name";

    /// <summary>Every variable with what it becomes, for the editor's help and for the error on an unknown one.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> All =
    [
        (ClientName, "the ticket's client, e.g. Acme Dental"),
        (RequesterFirstName, "the first name of whoever raised the ticket (\"there\" when nobody did)"),
        (RequesterName, "their full name"),
        (TicketNumber, "the ticket's number, e.g. KT-1042"),
        (TicketTitle, "the ticket's title"),
        (PlanHoursLeft, "hours left in the client's plan this period, e.g. 3.5 (0 without a plan)"),
        (AgentFirstName, "your own first name"),
    ];

    private static readonly HashSet<string> Known = new(All.Select(v => v.Name), StringComparer.Ordinal);

    /// <summary>One place a body uses a variable: where "{{" starts, how long the whole "{{ … }}" is, and the name inside.</summary>
    public readonly record struct Use(int Start, int Length, string Name);

    /// <summary>
    /// The variables in <paramref name="body"/>, in order; <paramref name="problems"/> says what is wrong in words
    /// (an unknown name, a "{{" never closed), empty when the body may be saved.
    /// </summary>
    public static IReadOnlyList<Use> Read(string body, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(body);
        var uses = new List<Use>();
        var found = new List<string>();
        var at = 0;
        while (at < body.Length)
        {
            var open = body.IndexOf("{{", at, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var close = body.IndexOf("}}", open + 2, StringComparison.Ordinal);
            var nextOpen = body.IndexOf("{{", open + 2, StringComparison.Ordinal);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close))
            {
                var shown = body[open..Math.Min(body.Length, open + 24)].Split('\n')[0];
                found.Add($"\"{shown}\" is not closed with }}}}.");
                at = open + 2;
                continue;
            }

            var name = body[(open + 2)..close].Trim();
            if (!Known.Contains(name))
            {
                found.Add($"{{{{{name}}}}} is not a variable. Use one of: {string.Join(", ", All.Select(v => "{{" + v.Name + "}}"))}.");
            }
            else
            {
                uses.Add(new Use(open, close + 2 - open, name));
            }

            at = close + 2;
        }

        problems = found.Distinct(StringComparer.Ordinal).ToList();
        return uses;
    }

    /// <summary>The body with each variable replaced by its value (all of them known: see <see cref="Read"/>).</summary>
    public static string Fill(string body, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var uses = Read(body, out _);
        var text = new System.Text.StringBuilder(body.Length);
        var at = 0;
        foreach (var use in uses)
        {
            text.Append(body, at, use.Start - at).Append(values.TryGetValue(use.Name, out var value) ? value : string.Empty);
            at = use.Start + use.Length;
        }

        return text.Append(body, at, body.Length - at).ToString();
    }
}

using System.Net.Mail;

namespace KtPortal.Domain.Common;

/// <summary>Collects field errors and throws them together, so a form can show all of them at once.</summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public Validation Required(string field, string? value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{label} is required.");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, $"{label} must be at most {maxLength} characters.");
        }

        return this;
    }

    public Validation Email(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{label} is required.");
        }
        else if (!IsEmail(value))
        {
            Add(field, $"{label} must be a valid e-mail address.");
        }

        return this;
    }

    public Validation Range(string field, long value, long min, long max, string message)
    {
        if (value < min || value > max)
        {
            Add(field, message);
        }

        return this;
    }

    public Validation Check(bool ok, string field, string message)
    {
        if (!ok)
        {
            Add(field, message);
        }

        return this;
    }

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public bool IsValid => _errors.Count == 0;

    /// <summary>Every message, in the order added per field.</summary>
    public IReadOnlyList<string> Messages => [.. _errors.Values.SelectMany(v => v)];

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    public static bool IsEmail(string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length > 256 || trimmed.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        // MailAddress accepts display-name forms ("A <a@b>"); require the bare address with a dotted domain.
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal);
    }
}

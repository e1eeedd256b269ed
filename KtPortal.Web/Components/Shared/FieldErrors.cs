using KtPortal.Domain.Common;

namespace KtPortal.Web.Components.Shared;

/// <summary>The service's field errors, looked up by the form's fields (several form fields may map to one input field).</summary>
public sealed class FieldErrors
{
    private IReadOnlyDictionary<string, string[]> _errors = new Dictionary<string, string[]>();

    public string? General { get; private set; }

    public bool Has(string field) => _errors.ContainsKey(field);

    public string? For(string field) => _errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public void Clear()
    {
        _errors = new Dictionary<string, string[]>();
        General = null;
    }

    /// <summary>The person changed the field: its message no longer describes what is there, so it goes (a corrected
    /// value must not stay red until the next save).</summary>
    public void Forget(string field)
    {
        if (_errors.ContainsKey(field))
        {
            _errors = _errors.Where(e => e.Key != field).ToDictionary(e => e.Key, e => e.Value);
        }
    }

    public void Set(ValidationFailedException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        _errors = ex.Errors;
        General = null;
    }

    public void SetGeneral(string message)
    {
        _errors = new Dictionary<string, string[]>();
        General = message;
    }

    /// <summary>
    /// Anything else that failed (the database, a file, a bug): logged, and shown as one calm message while the form
    /// keeps everything typed. Without this, the exception would end the circuit and the typed text with it.
    /// </summary>
    public void SetUnexpected(Exception exception, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        logger.LogError(exception, "A form action failed unexpectedly");
        SetGeneral("That did not work: something went wrong on our side. What you entered is still here; try again in a moment.");
    }

    /// <summary>Failures <see cref="SetUnexpected"/> handles: not cancellations (a closed tab), which need no message.</summary>
    public static bool IsUnexpected(Exception exception) => exception is not OperationCanceledException;
}

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
}

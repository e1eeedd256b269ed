namespace KtPortal.Web.Components.Shared;

/// <summary>
/// Lets a component of a live view redraw only when what it shows changed: it keeps the last value shown (a record
/// or tuple, compared by value) and says whether a new one differs. Rows, cards and pagers of every open table and
/// board are given new parameters on each change anyone makes, and most of them look the same afterwards.
/// </summary>
/// <typeparam name="T">What the component shows, as one value.</typeparam>
public struct RenderGate<T>
{
    private T _shown;
    private bool _seeded;

    /// <summary>Call from OnParametersSet: the first value is what the first render (which always happens) shows.</summary>
    public void Seed(T showing)
    {
        if (!_seeded)
        {
            _shown = showing;
            _seeded = true;
        }
    }

    /// <summary>Call from ShouldRender: true, and remembered as shown, when <paramref name="showing"/> differs from the last shown.</summary>
    public bool Changed(T showing)
    {
        if (_seeded && EqualityComparer<T>.Default.Equals(_shown, showing))
        {
            return false;
        }

        _shown = showing;
        _seeded = true;
        return true;
    }
}

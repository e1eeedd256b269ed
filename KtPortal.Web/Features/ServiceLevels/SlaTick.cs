namespace KtPortal.Web.Features.ServiceLevels;

/// <summary>
/// One timer for the whole process that tells open pages showing due times to look at the clock again. A page redraws
/// its due times on each tick from what it already holds (no query), and a card redraws only when its words or state
/// changed, so a board costs a few microseconds per tick rather than a timer per card or per circuit.
/// </summary>
public sealed class SlaTick : IDisposable
{
    private readonly ITimer _timer;

    public SlaTick(IConfiguration configuration)
    {
        var interval = configuration.GetValue("KtPortal:ServiceLevels:TickInterval", TimeSpan.FromSeconds(30));
        // Real time, not the portal clock: the tick only says when to look, the page reads the portal clock.
        _timer = TimeProvider.System.CreateTimer(_ => Ticked?.Invoke(), null, interval, interval);
    }

    public event Action? Ticked;

    /// <summary>Ticks now, out of turn (the portal's clock was moved).</summary>
    public void Pulse() => Ticked?.Invoke();

    public void Dispose() => _timer.Dispose();
}

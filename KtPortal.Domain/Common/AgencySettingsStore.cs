namespace KtPortal.Domain.Common;

/// <summary>
/// The one place the agency's settings are read from: the current <see cref="AgencyProfile"/> and
/// <see cref="PortalSettings"/>, swapped whole when an admin saves (so a reader never sees half a change). Starts with
/// the configured values and takes the stored ones once the database is up. Scoped services get the snapshot of the
/// moment their scope began; a singleton reads <see cref="Agency"/> or <see cref="Portal"/> at each use.
/// </summary>
public sealed class AgencySettingsStore
{
    private Snapshot _current;

    public AgencySettingsStore(AgencyProfile defaults, PortalSettings portalDefaults)
    {
        Defaults = defaults ?? throw new ArgumentNullException(nameof(defaults));
        PortalDefaults = portalDefaults ?? throw new ArgumentNullException(nameof(portalDefaults));
        _current = new Snapshot(defaults, portalDefaults);
    }

    /// <summary>The configured values: what a fresh database starts with.</summary>
    public AgencyProfile Defaults { get; }

    public PortalSettings PortalDefaults { get; }

    public AgencyProfile Agency => Volatile.Read(ref _current).Agency;

    public PortalSettings Portal => Volatile.Read(ref _current).Portal;

    /// <summary>Raised after a change is applied, for pages that show the agency (the app bar, the sign-in page).</summary>
    public event Action? Changed;

    public void Apply(AgencyProfile agency, PortalSettings portal)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(portal);
        Volatile.Write(ref _current, new Snapshot(agency, portal));
        Changed?.Invoke();
    }

    private sealed record Snapshot(AgencyProfile Agency, PortalSettings Portal);
}

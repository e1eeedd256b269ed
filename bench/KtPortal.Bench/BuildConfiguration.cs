namespace KtPortal.Bench;

/// <summary>The configuration this bench was built in, so a section's command says how its figures were made.</summary>
internal static class BuildConfiguration
{
#if DEBUG
    public const string Name = "Debug";
#else
    public const string Name = "Release";
#endif
}

namespace KtPortal.Web.Components.Layout;

/// <summary>
/// What features put in the app bar for a signed-in person (the running timer, the bell), in order. The layout renders
/// them without knowing the features, which sit above it (docs/architecture.md); the composition root lists them.
/// </summary>
public sealed class AppBarItems(params Type[] components)
{
    public IReadOnlyList<Type> Components { get; } = components;
}

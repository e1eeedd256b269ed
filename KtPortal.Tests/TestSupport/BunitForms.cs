using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace KtPortal.Tests.TestSupport;

/// <summary>Opening a MudBlazor dialog and typing into fields by their data-testid, as the form tests do.</summary>
public static class BunitForms
{
    /// <summary>Shows <typeparamref name="TDialog"/> through the real dialog service and waits for its root element.</summary>
    public static async Task<IRenderedComponent<MudDialogProvider>> OpenDialogAsync<TDialog>(
        this BunitContext context, string rootTestId, DialogParameters<TDialog>? parameters = null)
        where TDialog : IComponent
    {
        ArgumentNullException.ThrowIfNull(context);
        var provider = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<TDialog>("Dialog", parameters ?? []));
        provider.WaitForElement($"[data-testid={rootTestId}]");
        return provider;
    }

    /// <summary>The input (or textarea) a data-testid names, on the field itself or its MudBlazor wrapper.</summary>
    public static AngleSharp.Dom.IElement Field<T>(this IRenderedComponent<T> rendered, string testId)
        where T : IComponent =>
        rendered.Find($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");

    /// <summary>Types as a browser would: fields marked Immediate listen to input, the others to change.</summary>
    public static void Type<T>(this IRenderedComponent<T> rendered, string testId, string text)
        where T : IComponent
    {
        var field = rendered.Field(testId);
        try
        {
            field.Change(text);
        }
        catch (MissingEventHandlerException)
        {
            field.Input(text);
        }
    }
}

namespace KtPortal.Tests.TestSupport;

/// <summary>Waits on a condition (never a fixed sleep): for work handed to another thread, like live-update delivery.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because, int timeoutMs = 5000)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            if (waited.ElapsedMilliseconds > timeoutMs)
            {
                throw new Xunit.Sdk.XunitException($"Not true after {timeoutMs} ms: {because}");
            }

            await Task.Delay(10);
        }
    }
}

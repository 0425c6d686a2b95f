namespace Pgha.IntegrationTests.Deploy;

/// <summary>Bounded polling: local until Pgha.Testing has the shared WaitUntilAsync.</summary>
internal static class DeployWait
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string because)
    {
        using var cts = new CancellationTokenSource(timeout);
        T last = await probe();
        while (!done(last))
        {
            if (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting until {because}; last seen: {last}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
            last = await probe();
        }
        return last;
    }
}

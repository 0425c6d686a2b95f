using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Notices a postmaster's death quickly so the agent loop can wake at once rather than at its next cycle.</summary>
public sealed class PostmasterWatch(string dataDir)
{
    /// <summary>Without a pidfd (kernel before 5.3), polling /proc; this interval bounds how late a crash is noticed.</summary>
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Completes when no postmaster runs for the data directory (at once if none runs now).</summary>
    public async Task WaitForExitAsync(CancellationToken ct)
    {
        int? pid = PostmasterProcess.AlivePid(dataDir);
        if (pid is not int alive)
        {
            return;
        }
        if (ProcessExit.Watch(alive, PostmasterProcess.IsAlive) is Task exited)
        {
            await exited.WaitAsync(ct);
            return;
        }
        using var timer = new PeriodicTimer(s_pollInterval);
        while (PostmasterProcess.IsAlive(alive))
        {
            await timer.WaitForNextTickAsync(ct);
        }
    }
}

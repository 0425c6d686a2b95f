using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Notices a postmaster's death quickly so the agent loop can wake at once rather than at its next cycle.</summary>
public sealed class PostmasterWatch(string dataDir)
{
    /// <summary>Without a pidfd (kernel before 5.3), polling /proc; this interval bounds how late a crash is noticed.</summary>
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(100);

    // The postmaster watched last and its pidfd's exit task: while postmaster.pid still names it and the task has not
    // completed, it runs, and an idle cycle need not read /proc again.
    private readonly Lock _gate = new();
    private (int Pid, Task Exited)? _watched;

    /// <summary>Completes when no postmaster runs for the data directory (at once if none runs now).</summary>
    public async Task WaitForExitAsync(CancellationToken ct)
    {
        if (RunningExit(ct) is not { } exited)
        {
            return;
        }
        await exited.WaitAsync(ct);
    }

    /// <summary>Completes when a running postmaster dies; never while none runs (the loop's timer covers that).</summary>
    public async Task WaitForExitOfRunningAsync(CancellationToken ct)
    {
        await (RunningExit(ct) ?? Task.Delay(Timeout.Infinite, ct)).WaitAsync(ct);
    }

    /// <summary>A task completing when the running postmaster exits; null when none runs.</summary>
    private Task? RunningExit(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_watched is { } w && !w.Exited.IsCompleted && PostmasterProcess.ReadPid(dataDir) == w.Pid)
            {
                return w.Exited;
            }
            _watched = null;
            if (PostmasterProcess.AlivePid(dataDir) is not int alive)
            {
                return null;
            }
            if (ProcessExit.Watch(alive, PostmasterProcess.IsAlive) is Task exited)
            {
                _watched = (alive, exited);
                return exited;
            }
            return PollAsync(alive, ct);
        }
    }

    private static async Task PollAsync(int pid, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(s_pollInterval);
        while (PostmasterProcess.IsAlive(pid))
        {
            await timer.WaitForNextTickAsync(ct);
        }
    }
}

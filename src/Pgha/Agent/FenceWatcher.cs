using System.Globalization;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The fence process: if PostgreSQL runs as a primary (no standby.signal) past the deadline the agent last wrote, it
/// stops the postmaster and every backend at once (SIGQUIT, then SIGKILL of it and of every process it started). It exits when the
/// agent is gone and no postmaster runs. It never touches a replica.
/// It does not poll fast: it sleeps until the deadline and wakes early on any change of the deadline file,
/// <c>postmaster.pid</c> or <c>standby.signal</c> (inotify), so an idle fence wakes when the agent moves the deadline
/// and at the backstop, on its own thread.
/// </summary>
public sealed class FenceWatcher(string dataDir, string deadlineFile, int agentPid, TextWriter log)
{
    private static readonly TimeSpan s_stopPoll = TimeSpan.FromMilliseconds(100);

    // Without inotify: how often the deadline file and the data directory are looked at.
    private static readonly TimeSpan s_noInotifyPoll = TimeSpan.FromMilliseconds(100);

    // A backstop for missed inotify events (a data directory replaced by a clone is watched again only at the next
    // wake-up), and how soon a vanished agent and postmaster are noticed. The deadline itself never waits for it.
    private static readonly TimeSpan s_maxSleep = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken ct)
    {
        string runDir = Path.GetDirectoryName(Path.GetFullPath(deadlineFile))!;
        using FileChanges? changes = FileChanges.Open();
        using CancellationTokenRegistration interrupt = ct.Register(() => changes?.Interrupt());
        while (!ct.IsCancellationRequested)
        {
            if (changes is not null)
            {
                WatchDirectories(changes, runDir);
            }
            if (await CheckAsync(ct) is not { } untilDeadlineMs)
            {
                return;
            }
            Sleep(changes, untilDeadlineMs, ct);
        }
    }

    /// <summary>Stops a primary past its deadline; returns the milliseconds left until the deadline, or null to exit.</summary>
    private async Task<long?> CheckAsync(CancellationToken ct)
    {
        int? postmaster = PostmasterProcess.AlivePid(dataDir);
        if (postmaster is null && !DetachedProcess.IsAlive(agentPid))
        {
            return null;
        }
        long deadline = ReadDeadline();
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        if (postmaster is not null && !File.Exists(Path.Combine(dataDir, "standby.signal")) && now > deadline)
        {
            string why = DetachedProcess.IsAlive(agentPid)
                ? "the agent has renewed neither its leader key nor, with failsafe_mode, every member's acknowledgement"
                : $"the agent (pid {agentPid}) is gone";
            Write($"fencing: stopping the primary (postmaster pid {postmaster}): {why}, deadline passed {now - deadline} ms ago");
            await StopAsync(postmaster.Value, ct);
            return 0;
        }
        return deadline - now;
    }

    /// <summary>
    /// The data directory may not exist yet (before initdb) or be replaced (basebackup, reinit): watch it once it exists,
    /// and again after it vanished; meanwhile the backstop notices a postmaster that starts.
    /// </summary>
    private void WatchDirectories(FileChanges changes, string runDir)
    {
        if (!changes.IsWatching(runDir))
        {
            changes.Watch(runDir, Path.GetFileName(deadlineFile));
        }
        if (!changes.IsWatching(dataDir))
        {
            changes.Watch(dataDir, "postmaster.pid", "standby.signal");
        }
    }

    /// <summary>
    /// Until the deadline (plus a millisecond, so it has passed), a change, or the backstop, blocking this thread: the
    /// fence has nothing else to do, and an idle wake-up then touches neither the timer thread nor the thread pool.
    /// </summary>
    private static void Sleep(FileChanges? changes, long untilDeadlineMs, CancellationToken ct)
    {
        TimeSpan sleep = untilDeadlineMs < 0 || untilDeadlineMs >= s_maxSleep.TotalMilliseconds
            ? s_maxSleep
            : TimeSpan.FromMilliseconds(untilDeadlineMs + 1);
        if (changes is null)
        {
            ct.WaitHandle.WaitOne(sleep < s_noInotifyPoll ? sleep : s_noInotifyPoll);
            return;
        }
        var until = DateTime.UtcNow + sleep;
        // Events about other files in the watched directories (the PostgreSQL log beside the deadline) do not end the sleep.
        while (!changes.Wait(until - DateTime.UtcNow) && DateTime.UtcNow < until && !ct.IsCancellationRequested)
        {
        }
    }

    private long ReadDeadline()
    {
        try
        {
            return long.TryParse(File.ReadAllText(deadlineFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long ms) ? ms : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private async Task StopAsync(int postmaster, CancellationToken ct)
    {
        // Immediate shutdown stops every backend; a postmaster that is hung or SIGSTOPped ignores it, and then it and
        // every process it started are killed by pid (its backends would otherwise go on committing for their clients).
        Signals.Send(postmaster, Signals.SigQuit);
        if (PostmasterProcess.IsSuspended(postmaster))
        {
            InstanceKill.Kill(postmaster);
        }
        for (int i = 0; i < 20 && PostmasterProcess.IsAlive(postmaster); i++)
        {
            await Task.Delay(s_stopPoll, ct);
        }
        int backends = PostmasterProcess.IsAlive(postmaster) ? InstanceKill.Kill(postmaster) : 0;
        Write($"fencing: postmaster pid {postmaster} stopped{(backends > 0 ? $", {backends} server processes killed" : "")}");
    }

    private void Write(string message)
    {
        log.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)} WARNING: {message}");
        log.Flush();
    }
}

using System.Globalization;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The fence process: if PostgreSQL runs as a primary (no standby.signal) past the deadline the agent last wrote, it
/// stops the postmaster and every backend at once (SIGQUIT, then SIGKILL of it and of every process it started). It exits when the
/// agent is gone and no postmaster runs, after releasing a leader key the agent left behind (<see cref="FenceRelease"/>,
/// when given). It never touches a replica.
/// It does not poll fast: it sleeps until the deadline and wakes early on any change of the deadline file,
/// <c>postmaster.pid</c> or <c>standby.signal</c> (inotify) and on the agent's exit (pidfd), so an idle fence wakes when
/// the agent moves the deadline and at the backstop, on its own thread.
/// </summary>
public sealed class FenceWatcher(string dataDir, string deadlineFile, int agentPid, TextWriter log, FenceRelease? release = null)
{
    private static readonly TimeSpan s_stopPoll = TimeSpan.FromMilliseconds(100);

    // Without inotify: how often the deadline file and the data directory are looked at.
    private static readonly TimeSpan s_noInotifyPoll = TimeSpan.FromMilliseconds(100);

    // A backstop while something is not watched: a data directory that does not exist (yet) or was replaced by a clone
    // is watched again only at the next wake-up; once the agent is gone, a crashed postmaster (its postmaster.pid stays)
    // is noticed only by looking. The deadline itself never waits for it.
    private static readonly TimeSpan s_maxSleep = TimeSpan.FromSeconds(5);

    // The backstop while both directories and the agent are watched: every change that matters then ends the sleep by
    // itself (an inotify queue overflow too), so an idle replica's fence wakes twice a minute instead of twelve times.
    private static readonly TimeSpan s_maxSleepWatched = TimeSpan.FromSeconds(30);

    public async Task RunAsync(CancellationToken ct)
    {
        string runDir = Path.GetDirectoryName(Path.GetFullPath(deadlineFile))!;
        using FileChanges? changes = FileChanges.Open();
        using CancellationTokenRegistration interrupt = ct.Register(() => changes?.Interrupt());
        // Opened before the first look at the agent, so a pid that is reused after that look is never the one watched.
        _ = changes?.WatchExit(agentPid);
        while (!ct.IsCancellationRequested)
        {
            bool allWatched = changes is not null && WatchDirectories(changes, runDir) && changes.IsWatchingExit;
            if (await CheckAsync(ct) is not { } untilDeadlineMs)
            {
                return;
            }
            WatchPostmasterOfDeadAgent(changes);
            Sleep(changes, untilDeadlineMs, allWatched ? s_maxSleepWatched : s_maxSleep, ct);
        }
    }

    /// <summary>Stops a primary past its deadline; returns the milliseconds left until the deadline, or null to exit.</summary>
    private async Task<long?> CheckAsync(CancellationToken ct)
    {
        int? postmaster = PostmasterProcess.AlivePid(dataDir);
        if (postmaster is null && !DetachedProcess.IsAlive(agentPid))
        {
            if (release is not null)
            {
                await release.RunAsync(Write, ct);
            }
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
    /// Once the agent is gone, its exit watch is free for the postmaster's: a leader's postmaster that dies after its
    /// agent then wakes the fence at once, which releases the key (<see cref="FenceRelease"/>) instead of waiting for the
    /// deadline or the backstop to notice (a killed postmaster leaves its postmaster.pid behind, so inotify does not).
    /// </summary>
    private void WatchPostmasterOfDeadAgent(FileChanges? changes)
    {
        if (release is not null && changes is { IsWatchingExit: false } && !DetachedProcess.IsAlive(agentPid)
            && PostmasterProcess.AlivePid(dataDir) is int postmaster)
        {
            changes.WatchExit(postmaster);
        }
    }

    /// <summary>
    /// The data directory may not exist yet (before initdb) or be replaced (basebackup, reinit): watch it once it exists,
    /// and again after it vanished; meanwhile the backstop notices a postmaster that starts. True when both are watched.
    /// </summary>
    private bool WatchDirectories(FileChanges changes, string runDir)
    {
        bool run = changes.IsWatching(runDir) || changes.Watch(runDir, Path.GetFileName(deadlineFile));
        bool data = changes.IsWatching(dataDir) || changes.Watch(dataDir, "postmaster.pid", "standby.signal");
        return run && data;
    }

    /// <summary>
    /// Until the deadline (plus a millisecond, so it has passed), a change, or the backstop, blocking this thread: the
    /// fence has nothing else to do, and an idle wake-up then touches neither the timer thread nor the thread pool.
    /// </summary>
    private static void Sleep(FileChanges? changes, long untilDeadlineMs, TimeSpan maxSleep, CancellationToken ct)
    {
        TimeSpan sleep = untilDeadlineMs < 0 || untilDeadlineMs >= maxSleep.TotalMilliseconds
            ? maxSleep
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

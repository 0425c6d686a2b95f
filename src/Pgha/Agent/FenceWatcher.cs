using System.Globalization;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The fence process: if PostgreSQL runs as a primary (no standby.signal) past the deadline the agent last wrote, it
/// stops the postmaster and every backend at once (SIGQUIT, then SIGKILL of it and of every process it started). It exits when the
/// agent is gone and no postmaster runs. It never touches a replica.
/// It does not poll fast: it sleeps until the deadline and wakes early on any change of the deadline file,
/// <c>postmaster.pid</c> or <c>standby.signal</c> (inotify), so an idle fence costs about one wake-up per agent cycle.
/// </summary>
public sealed class FenceWatcher(string dataDir, string deadlineFile, int agentPid, TextWriter log)
{
    private static readonly TimeSpan s_stopPoll = TimeSpan.FromMilliseconds(100);

    // A backstop for missed inotify events (a data directory replaced by a clone is watched again only at the next
    // wake-up), and how soon a vanished agent and postmaster are noticed. The deadline itself never waits for it.
    private static readonly TimeSpan s_maxSleep = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken ct)
    {
        var changed = new AsyncSignal();
        using FileSystemWatcher deadlineWatch = Watch(Path.GetDirectoryName(Path.GetFullPath(deadlineFile))!, Path.GetFileName(deadlineFile), changed);
        FileSystemWatcher? dataWatch = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                changed.Reset();
                dataWatch = WatchDataDir(dataWatch, changed);
                if (await CheckAsync(ct) is not { } untilDeadlineMs)
                {
                    return;
                }
                await SleepAsync(changed, untilDeadlineMs, ct);
            }
        }
        finally
        {
            dataWatch?.Dispose();
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
    private FileSystemWatcher? WatchDataDir(FileSystemWatcher? current, AsyncSignal changed)
    {
        if (Directory.Exists(dataDir) && current is not null)
        {
            return current;
        }
        current?.Dispose();
        return Directory.Exists(dataDir) ? Watch(dataDir, "*", changed) : null;
    }

    /// <summary>Until the deadline (plus a millisecond, so it has passed), a change, or the backstop.</summary>
    private static async Task SleepAsync(AsyncSignal changed, long untilDeadlineMs, CancellationToken ct)
    {
        TimeSpan sleep = untilDeadlineMs < 0 || untilDeadlineMs >= s_maxSleep.TotalMilliseconds
            ? s_maxSleep
            : TimeSpan.FromMilliseconds(untilDeadlineMs + 1);
        await Task.WhenAny(changed.WaitTask, Task.Delay(sleep, ct));
    }

    private static FileSystemWatcher Watch(string directory, string filter, AsyncSignal changed)
    {
        var watch = new FileSystemWatcher(directory, filter)
        {
            // Renames and creations (the agent replaces the deadline file atomically), and in-place writes.
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite,
            IncludeSubdirectories = false,
        };
        watch.Created += (_, _) => changed.Set();
        watch.Deleted += (_, _) => changed.Set();
        watch.Renamed += (_, _) => changed.Set();
        watch.Changed += (_, _) => changed.Set();
        watch.Error += (_, _) => changed.Set();
        watch.EnableRaisingEvents = true;
        return watch;
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

using System.Globalization;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The fence process: every 100 ms, if PostgreSQL runs as a primary (no standby.signal) past the deadline the agent
/// last wrote, it stops the postmaster and every backend at once (SIGQUIT, then SIGKILL of it and of every process it started).
/// It exits when the agent is gone and no postmaster runs. It never touches a replica.
/// </summary>
public sealed class FenceWatcher(string dataDir, string deadlineFile, int agentPid, TextWriter log)
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(100);

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(s_poll);
        while (await timer.WaitForNextTickAsync(ct))
        {
            int? postmaster = PostmasterProcess.AlivePid(dataDir);
            if (postmaster is null)
            {
                if (!DetachedProcess.IsAlive(agentPid))
                {
                    return;
                }
                continue;
            }
            bool primary = !File.Exists(Path.Combine(dataDir, "standby.signal"));
            long deadline = ReadDeadline();
            long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (primary && now > deadline)
            {
                string why = DetachedProcess.IsAlive(agentPid)
                    ? "the agent has renewed neither its leader key nor, with failsafe_mode, every member's acknowledgement"
                    : $"the agent (pid {agentPid}) is gone";
                Write($"fencing: stopping the primary (postmaster pid {postmaster}): {why}, deadline passed {now - deadline} ms ago");
                await StopAsync(postmaster.Value, ct);
            }
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
            await Task.Delay(s_poll, ct);
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

using System.Globalization;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Agent;

/// <summary>
/// The fence process: every 100 ms, if PostgreSQL runs as a primary (no standby.signal) past the deadline the agent
/// last wrote, it stops the postmaster and every backend at once (SIGQUIT, then SIGKILL of the process group).
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
                string why = DetachedProcess.IsAlive(agentPid) ? "the agent has not renewed its leader key" : $"the agent (pid {agentPid}) is gone";
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
        // Immediate shutdown stops every backend; the group kill covers a postmaster that is hung or stopped.
        Signals.Send(postmaster, Signals.SigQuit);
        for (int i = 0; i < 20 && PostmasterProcess.IsAlive(postmaster); i++)
        {
            await Task.Delay(s_poll, ct);
        }
        Signals.Send(-postmaster, Signals.SigKill);
        Signals.Send(postmaster, Signals.SigKill);
        Write($"fencing: postmaster pid {postmaster} stopped");
    }

    private void Write(string message)
    {
        log.WriteLine($"{DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture)} WARNING: {message}");
        log.Flush();
    }
}

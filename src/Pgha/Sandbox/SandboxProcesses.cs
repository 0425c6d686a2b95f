using Pgha.Processes;

namespace Pgha.Sandbox;

/// <summary>Starts and stops the sandbox's etcd members and agents as detached daemons, tracked by pid.</summary>
public sealed class SandboxProcesses(SandboxLayout layout)
{
    /// <summary>Starts one etcd member from its generated config (a restart reuses its data dir).</summary>
    public int StartEtcd(string host) =>
        DetachedProcess.Start("etcd", ["--config-file", layout.EtcdConfig(host)], layout.EtcdLog(host));

    public int StartAgent(string host)
    {
        (string exe, List<string> args) = SelfCommand.Get();
        args.AddRange(["agent", layout.AgentConfig(host)]);
        return DetachedProcess.Start(exe, args, layout.AgentLog(host));
    }

    /// <summary>kill -9 of the member's agent and postmaster: a real crash, for trying failover by hand.</summary>
    public static void Crash(int agentPid, string dataDir)
    {
        Signals.Send(agentPid, Signals.SigKill);
        if (PostmasterPid(dataDir) is int postmaster)
        {
            Signals.Send(postmaster, Signals.SigKill);
        }
    }

    /// <summary>Stops a daemon: SIGTERM, then SIGKILL if it is still there after <paramref name="grace"/>.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        if (!DetachedProcess.IsAlive(pid))
        {
            return;
        }
        Signals.Send(pid, Signals.SigTerm);
        DateTime deadline = DateTime.UtcNow + grace;
        while (DetachedProcess.IsAlive(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Signals.Send(pid, Signals.SigKill);
    }

    /// <summary>The postmaster's pid from <c>postmaster.pid</c>, if the file exists.</summary>
    public static int? PostmasterPid(string dataDir) => Postgres.PostmasterProcess.ReadPid(dataDir);
}

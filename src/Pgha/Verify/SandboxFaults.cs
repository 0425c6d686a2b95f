using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Core.Dcs;
using Pgha.Etcd;
using Pgha.Operations;
using Pgha.Postgres;
using Pgha.Processes;
using Pgha.Sandbox;

namespace Pgha.Verify;

/// <summary>
/// The named faults on a sandbox (<c>--sandbox DIR</c>), found through its state.json and etcd: kill -9 of the
/// leader's agent and/or postmaster (healed by starting the agent again), SIGSTOP of the leader's PostgreSQL
/// (every process of it; healed by SIGCONT), killing a minority or majority of etcd members (healed by starting them),
/// and a switchover.
/// </summary>
public sealed class SandboxFaults(SandboxLayout layout) : IFaultInjector
{
    public static readonly IReadOnlyList<string> Names =
    [
        "kill-leader", "kill-leader-agent", "kill-leader-postmaster", "sigstop-leader-postmaster",
        "stop-etcd-minority", "stop-etcd-majority", "switchover",
    ];

    private readonly SandboxProcesses _processes = new(layout);

    public async Task<InjectedFault> InjectAsync(string name, FaultTarget target, CancellationToken ct)
    {
        if (name.StartsWith("stop-etcd-", StringComparison.Ordinal))
        {
            return StopEtcd(majority: name == "stop-etcd-majority");
        }
        using var client = new EtcdGatewayClient(SandboxLayout.Hosts.Select(h => $"http://{h.Address}:2379"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var store = new EtcdClusterStore(client, DcsKeys.Prefix(SandboxLayout.Namespace, SandboxLayout.Scope));
        ClusterView view;
        try
        {
            view = await store.ReadAsync(ct);
        }
        catch (Agent.DcsUnavailableException e)
        {
            return InjectedFault.Skipped($"etcd unreachable ({e.Message})");
        }
        if (view.Leader?.Name is not { } leader)
        {
            return InjectedFault.Skipped("no leader");
        }
        return name switch
        {
            "kill-leader" => KillLeader(leader, agent: true, postmaster: true),
            "kill-leader-agent" => KillLeader(leader, agent: true, postmaster: false),
            "kill-leader-postmaster" => KillLeader(leader, agent: false, postmaster: true),
            "sigstop-leader-postmaster" => StopPostgres(leader),
            "switchover" => await SwitchoverAsync(store, leader, ct),
            _ => throw new PghaException($"--faults {name}: unknown fault; use {string.Join(", ", Names)}", Cli.ExitCodes.Usage),
        };
    }

    private InjectedFault KillLeader(string leader, bool agent, bool postmaster)
    {
        SandboxState state = SandboxState.Load(layout);
        int agentPid = state.Agents.GetValueOrDefault(leader);
        int? postmasterPid = SandboxProcesses.PostmasterPid(layout.DataDir(leader));
        if (agent)
        {
            Signals.Send(agentPid, Signals.SigKill);
        }
        if (postmaster && postmasterPid is int pm)
        {
            Signals.Send(pm, Signals.SigKill);
        }
        string detail = $"{leader}:{(agent ? $" agent {agentPid}" : "")}{(postmaster ? $" postmaster {postmasterPid}" : "")}";
        return new InjectedFault(detail, _ => agent ? StartAgentAsync(leader) : Task.CompletedTask);
    }

    private Task StartAgentAsync(string host)
    {
        SandboxState state = SandboxState.Load(layout);
        if (!DetachedProcess.IsAlive(state.Agents.GetValueOrDefault(host)))
        {
            state.Agents[host] = _processes.StartAgent(host);
            state.Save(layout);
        }
        return Task.CompletedTask;
    }

    private InjectedFault StopPostgres(string leader)
    {
        if (SandboxProcesses.PostmasterPid(layout.DataDir(leader)) is not int postmaster)
        {
            return InjectedFault.Skipped($"{leader} has no postmaster.pid");
        }
        // Stopping only the postmaster would leave its backends serving the writers' open connections.
        IReadOnlyList<int> pids = [postmaster, .. PostmasterProcess.ChildPids(postmaster)];
        foreach (int pid in pids)
        {
            Signals.Send(pid, Signals.SigStop);
        }
        return new InjectedFault($"{leader}: {pids.Count} PostgreSQL processes", _ =>
        {
            foreach (int pid in pids)
            {
                Signals.Send(pid, Signals.SigCont);
            }
            return Task.CompletedTask;
        });
    }

    private InjectedFault StopEtcd(bool majority)
    {
        SandboxState state = SandboxState.Load(layout);
        int members = state.Etcd.Count;
        int count = majority ? (members / 2) + 1 : (members - 1) / 2;
        // The members on the database hosts go last, so a minority loss leaves them all.
        var victims = state.Etcd.Keys.OrderByDescending(h => h, StringComparer.Ordinal).Take(count).ToList();
        foreach (string host in victims)
        {
            Signals.Send(state.Etcd[host], Signals.SigKill);
        }
        return new InjectedFault($"{count} of {members} etcd members: {string.Join(", ", victims)}", _ =>
        {
            SandboxState now = SandboxState.Load(layout);
            foreach (string host in victims.Where(h => !DetachedProcess.IsAlive(now.Etcd.GetValueOrDefault(h))))
            {
                now.Etcd[host] = _processes.StartEtcd(host);
            }
            now.Save(layout);
            return Task.CompletedTask;
        });
    }

    private static async Task<InjectedFault> SwitchoverAsync(EtcdClusterStore store, string leader, CancellationToken ct)
    {
        var request = new SwitchoverRequest(IsFailover: false, leader, Candidate: null);
        (int status, string message, _) = await new SwitchoverOperation(store, TimeProvider.System).RunAsync(request, SwitchoverOperation.Timeout(10), null, ct);
        return new InjectedFault($"from {leader}: {status} {message}", _ => Task.CompletedTask);
    }
}

using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>Draws this step's faults: frozen agents, agents cut off from etcd, hung or crashed postmasters, switchovers.</summary>
internal sealed class SimFaultInjector(SafetySimulation world, Random random)
{
    public void Inject()
    {
        DateTimeOffset now = world.Now;
        SimFaults f = world.Faults;
        foreach (SimAgent agent in world.Agents)
        {
            if (!agent.IsFrozen(now) && world.Chance(f.Freeze))
            {
                agent.FrozenUntil = now + TimeSpan.FromSeconds(random.Next(1, f.MaxFreeze));
                world.Trace($"{agent.Name} agent frozen until {agent.FrozenUntil:HH:mm:ss}");
            }
            if (now >= agent.IsolatedUntil && world.Chance(f.Isolate))
            {
                agent.IsolatedUntil = now + TimeSpan.FromSeconds(random.Next(1, f.MaxIsolation));
                world.Trace($"{agent.Name} cut off from etcd until {agent.IsolatedUntil:HH:mm:ss}");
            }
            if (agent.Pg.State == PostgresRunState.Running && !agent.Pg.IsHung(now) && world.Chance(f.Hang))
            {
                agent.Pg.HungUntil = now + TimeSpan.FromSeconds(random.Next(1, 40));
                world.Trace($"{agent.Name} postmaster hangs until {agent.Pg.HungUntil:HH:mm:ss}");
            }
            if (agent.Pg.State == PostgresRunState.Running && world.Chance(f.Crash))
            {
                agent.Pg.Stop();
                world.Trace($"{agent.Name} postmaster crashed");
            }
            MarkMissedDeadline(agent, now);
        }
        if (world.Dcs.Leader is { } leader && world.Chance(f.Switchover))
        {
            string candidate = world.Agents[random.Next(world.Agents.Count)].Name;
            world.Dcs.Failover = new FailoverKey(leader, candidate == leader ? null : candidate, null);
            world.Trace($"switchover requested from {leader} to {candidate}");
        }
    }

    /// <summary>A frozen agent cannot fence its primary: from its deadline on, only a watchdog could (see invariant).</summary>
    private static void MarkMissedDeadline(SimAgent agent, DateTimeOffset now)
    {
        if (agent.IsFrozen(now) && agent.Pg.State == PostgresRunState.Running && !agent.Pg.InRecovery
            && (agent.FencingDeadline is not { } deadline || now >= deadline))
        {
            agent.MissedFencingDeadline = true;
        }
    }
}

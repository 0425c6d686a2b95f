using Microsoft.Extensions.Time.Testing;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>
/// Three agents, one in-memory etcd and three fake PostgreSQL instances on one fake clock, stepped one second at a
/// time with seeded random faults (<see cref="SimFaults"/>).
/// <para>
/// Safety invariant, checked after every step: at most one writable primary (running, outside recovery, answering),
/// not counting a primary whose agent was frozen past its own fencing deadline (last key refresh + ttl − margin)
/// until that agent's next decision. Nothing in the agent can stop PostgreSQL while the agent itself does not run;
/// that case needs a watchdog, which the rules do not model. Also checked at the instant it happens: a node promotes
/// or starts as primary only while the leader key names it.
/// </para>
/// </summary>
internal sealed class SafetySimulation
{
    private const int TraceLines = 400;
    private readonly Random _random;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Queue<string> _trace = new();
    private readonly List<SimAgent> _agents;

    public SafetySimulation(int seed, SimFaults faults, bool synchronousMode = false)
    {
        _random = new Random(seed);
        Faults = faults;
        bool usePgRewind = _random.Next(2) == 0;
        bool n3NoFailover = _random.Next(4) == 0;
        // Drawn only in synchronous runs, so that the asynchronous seeds (and the pinned ones) replay as before.
        bool strict = synchronousMode && _random.Next(2) == 0;
        _agents = [.. new[] { "n1", "n2", "n3" }.Select(name => new SimAgent(name, new HaSettings
        {
            Name = name,
            UsePgRewind = usePgRewind,
            Tags = new MemberTags { NoFailover = n3NoFailover && name == "n3" },
            SynchronousMode = synchronousMode,
            SynchronousModeStrict = strict,
        }))];
        Dcs = new SimDcs(_agents[0].Settings.Ttl);
    }

    public SimDcs Dcs { get; }
    public SimFaults Faults { get; set; }
    public DateTimeOffset Now => _time.GetUtcNow();
    public IReadOnlyList<SimAgent> Agents => _agents;
    /// <summary>The first broken invariant, with the recent trace; null while none.</summary>
    public string? Violation { get; private set; }
    /// <summary>Steps in which two primaries ran only because one agent was frozen past its deadline (watchdog territory).</summary>
    public int WatchdogSteps { get; private set; }

    public string DebugTrace() => string.Join("\n", _trace);

    public SimAgent Agent(string name) => _agents.Single(a => a.Name == name);

    public bool Chance(double probability) => _random.NextDouble() < probability;

    public void Run(int steps)
    {
        for (int i = 0; i < steps && Violation is null; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            new SimFaultInjector(this, _random).Inject();
            Replicate();
            string? leaderBefore = Dcs.Read(Now).Leader?.Name;
            foreach (SimAgent agent in _agents.OrderBy(_ => _random.Next()))
            {
                agent.Step(this);
            }
            WakeOnLeaderLoss(leaderBefore);
            CheckSinglePrimary();
        }
    }

    /// <summary>etcd answers this agent's request (not isolated, not lost).</summary>
    public bool DcsAnswers(SimAgent agent) => Now >= agent.IsolatedUntil && !Chance(Faults.MessageLoss);

    /// <summary>A DCS write: lost before etcd, applied, or applied with its answer lost (reported as failed).</summary>
    public bool DcsWrite(SimAgent agent, Func<bool> write) => KeyCall(agent, write) == KeyAnswer.Done;

    /// <summary>A key acquire or refresh as the executor sees it: done, refused by etcd, or no answer (lost, or applied with its answer lost).</summary>
    public KeyAnswer KeyCall(SimAgent agent, Func<bool> write)
    {
        if (!DcsAnswers(agent))
        {
            return KeyAnswer.NoAnswer;
        }
        if (!write())
        {
            return KeyAnswer.NotYours;
        }
        return Chance(Faults.AmbiguousWrite) ? KeyAnswer.NoAnswer : KeyAnswer.Done;
    }

    public IReadOnlyList<PeerReport> ProbePeers(SimAgent me) =>
        [.. _agents.Where(a => a != me).Select(a => a.IsFrozen(Now) || a.Pg.IsHung(Now) || Chance(Faults.MessageLoss)
            ? PeerReport.Unreachable(a.Name)
            : new PeerReport(a.Name, true, !a.Pg.IsWritablePrimary(Now), a.Pg.Wal, a.Settings.Tags.NoFailover, a.Pg.Timeline))];

    public void CheckHoldsKey(SimAgent agent, string what)
    {
        if (!Dcs.IsLeader(agent.Name, Now))
        {
            Fail($"{agent.Name} {what} while the leader key names {Dcs.Leader ?? "nobody"}");
        }
    }

    /// <summary>
    /// The local probe; a primary also sees <c>pg_stat_replication</c>: every answering replica that streams from it, <c>sync</c>
    /// when its synchronous_standby_names names it, flushed as far as it replayed.
    /// </summary>
    public LocalPostgres ProbeLocal(SimAgent agent)
    {
        LocalPostgres probe = agent.Pg.Probe(Now);
        if (!probe.IsRunningPrimary)
        {
            return probe;
        }
        IReadOnlySet<string> named = SyncStandbyNames.Parse(agent.Pg.SyncNames);
        ReplicationConnection[] rows = [.. _agents
            .Where(a => a.Pg.State == PostgresRunState.Running && a.Pg.InRecovery && !a.Pg.IsHung(Now)
                && a.Pg.Upstream == agent.Name && a.Pg.CanStreamFrom(agent.Pg))
            .Select(a => new ReplicationConnection(a.Name, null, "streaming", named.Contains(a.Name) ? "sync" : "async", 0, "replicator", a.Pg.Wal) { FlushLsn = a.Pg.Wal })];
        return probe with { Replication = rows, SynchronousStandbyNames = agent.Pg.SyncNames };
    }

    /// <summary>With synchronous mode, a promotion is by a member the sync key named (when it named standbys) as the decision read it.</summary>
    public void CheckInSyncSet(SimAgent agent)
    {
        if (agent.Settings.SynchronousMode && agent.SyncKeyAtDecision is { SyncStandbys.Count: > 0 } sync
            && sync.Leader != agent.Name && !sync.SyncStandbys.Contains(agent.Name))
        {
            Fail($"{agent.Name} promoted outside the sync key ({sync.Leader}: {string.Join(",", sync.SyncStandbys)})");
        }
    }

    public void Trace(string line)
    {
        _trace.Enqueue($"{Now:HH:mm:ss} {line}");
        if (_trace.Count > TraceLines)
        {
            _trace.Dequeue();
        }
    }

    private void CheckSinglePrimary()
    {
        var writable = _agents.Where(a => a.Pg.IsWritablePrimary(Now)).ToList();
        var counted = writable.Where(a => !a.MissedFencingDeadline).ToList();
        if (counted.Count > 1)
        {
            Fail($"two writable primaries: {string.Join(", ", counted.Select(a => a.Name))}");
        }
        else if (writable.Count > 1)
        {
            WatchdogSteps++;
        }
    }

    private void Fail(string what) =>
        Violation ??= $"at {Now:HH:mm:ss}: {what}; leader key: {Dcs.Leader ?? "none"}\n{string.Join("\n", _trace)}";

    /// <summary>Primaries take writes; running replicas catch up with an upstream they can follow and adopt its timeline.</summary>
    private void Replicate()
    {
        foreach (SimAgent agent in _agents.Where(a => a.Pg.IsWritablePrimary(Now)))
        {
            agent.Pg.Wal += _random.Next(1, 50);
        }
        foreach (SimAgent agent in _agents.Where(a => a.Pg.State == PostgresRunState.Running && a.Pg.InRecovery && a.Pg.Upstream is not null))
        {
            SimPostgres upstream = Agent(agent.Pg.Upstream!).Pg;
            if (agent.Pg.CanStreamFrom(upstream))
            {
                agent.Pg.Wal = Math.Max(agent.Pg.Wal, upstream.Wal - _random.Next(0, 20));
                agent.Pg.Timeline = upstream.Timeline;
                agent.Pg.History = upstream.History;
            }
        }
    }

    /// <summary>The etcd watch: when the leader key disappears, every running agent starts a cycle at once.</summary>
    private void WakeOnLeaderLoss(string? leaderBefore)
    {
        if (leaderBefore is not null && Dcs.Read(Now).Leader is null)
        {
            foreach (SimAgent agent in _agents)
            {
                agent.NextCycleAt = Now;
            }
        }
    }
}

using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>
/// One simulated pgha agent: observe (etcd read, local probe, peer probes), decide with the real
/// <see cref="HaRules.Decide"/>, execute the actions against <see cref="SimDcs"/> and <see cref="SimPostgres"/>.
/// Loop model (an assumption about HaLoop, stated so the invariant is honest): a cycle every loop_wait, or at once
/// when the leader key vanishes (etcd watch) or is in doubt (a refresh or read without answer); a failed etcd read
/// costs retry_timeout before the decision, or less when the leadership proof ends sooner (HaObserver bounds the read
/// by it); every other operation takes no time. A failed key refresh is only remembered; the next cycle's decision acts on it.
/// </summary>
internal sealed class SimAgent(string name, HaSettings settings)
{
    private DateTimeOffset? _decideAt;
    private LongActionStatus? _longActionOutcome;

    public string Name { get; } = name;
    public HaSettings Settings { get; } = settings;
    public AgentMemory Memory { get; private set; } = AgentMemory.Initial;
    public SimPostgres Pg { get; } = new();
    public DateTimeOffset NextCycleAt { get; set; }
    public DateTimeOffset FrozenUntil { get; set; }
    public DateTimeOffset IsolatedUntil { get; set; }
    /// <summary>Set while frozen past its own fencing deadline as a primary; cleared by its next decision (see invariant).</summary>
    public bool MissedFencingDeadline { get; set; }

    /// <summary>The sync key as this agent's current decision read it: a promotion must be by one of its members.</summary>
    public SyncKey? SyncKeyAtDecision { get; private set; }

    public bool IsFrozen(DateTimeOffset now) => now < FrozenUntil;

    public DateTimeOffset? FencingDeadline =>
        Memory.LeaderKeyRefreshedAt is { } at ? at + Settings.Ttl - Settings.DemoteMargin : null;

    public void Step(SafetySimulation world)
    {
        DateTimeOffset now = world.Now;
        if (IsFrozen(now))
        {
            return;
        }
        if (_decideAt is { } at)
        {
            if (now >= at)
            {
                _decideAt = null;
                Decide(world, ClusterView.Unreachable, []);
            }
            return;
        }
        if (now < NextCycleAt)
        {
            return;
        }
        NextCycleAt = now + Settings.LoopWait;
        if (!world.DcsAnswers(this))
        {
            DateTimeOffset retried = now + Settings.RetryTimeout;
            _decideAt = Memory.HoldsLeaderKey && FencingDeadline is { } proofEnds && proofEnds < retried ? proofEnds : retried;
            return;
        }
        ClusterView view = world.Dcs.Read(now);
        Decide(world, view, view.Leader is null ? world.ProbePeers(this) : []);
    }

    private void Decide(SafetySimulation world, ClusterView view, IReadOnlyList<PeerReport> peers)
    {
        var input = new HaInput
        {
            Cluster = view,
            Postgres = world.ProbeLocal(this),
            Memory = Memory,
            Settings = Settings,
            Now = world.Now,
            Peers = peers,
            LongAction = _longActionOutcome,
        };
        _longActionOutcome = null;
        SyncKeyAtDecision = view.Sync;
        HaDecision decision = HaRules.Decide(input);
        Memory = decision.NextMemory;
        MissedFencingDeadline = false;
        world.Trace($"{Name} [{input.Postgres.RunState}{(input.Postgres.InRecovery ? " recovery" : "")} tl{Pg.Timeline}] {decision.Reason} -> {string.Join(", ", decision.Actions)}");
        new SimExecutor(world, this).Execute(decision.Actions);
        if (Memory.LockRefreshFailed || Memory.LeaderKeyInDoubt)
        {
            NextCycleAt = world.Now;
        }
        if (view.IsReachable && world.DcsAnswers(this))
        {
            world.Dcs.PublishMember(ToMember(), world.Now);
        }
    }

    public void Remember(AgentMemory memory) => Memory = memory;

    public void ReportLongAction(string name, string? error) =>
        _longActionOutcome = new LongActionStatus(name, Running: false, Failed: error is not null, error);

    private Member ToMember() => new()
    {
        Name = Name,
        ConnUrl = $"postgres://{Name}:5432/postgres",
        State = Pg.State == PostgresRunState.Running ? (Pg.InRecovery && Pg.Upstream is not null ? "streaming" : "running") : "stopped",
        Role = Pg.State != PostgresRunState.Running ? MemberRole.Uninitialized : Pg.InRecovery ? MemberRole.Replica : MemberRole.Primary,
        XlogLocation = Pg.HasData ? Pg.Wal : null,
        Timeline = Pg.HasData ? Pg.Timeline : null,
        Tags = Settings.Tags,
    };
}

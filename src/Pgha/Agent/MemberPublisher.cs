using Pgha.Api;
using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// Step 5 of a cycle: publishes what this node is, to etcd (its member key) and to the REST API (an immutable
/// snapshot swapped atomically, so request handlers never see a half-updated state).
/// </summary>
public sealed class MemberPublisher(ILeaderLease lease, ClusterSettings settings, TimeProvider clock) : ISnapshotSource
{
    private AgentSnapshot? _current;
    // Set when a demotion stopped PostgreSQL in this cycle: the cycle's observation (a running primary) is stale.
    private bool _stoppedSinceObserved;

    public AgentSnapshot? Current => Volatile.Read(ref _current);

    /// <summary>
    /// A demotion stopped PostgreSQL: the REST API says so at once, before the leader key is released. Until the next
    /// cycle looks again the snapshot would otherwise show the primary it observed, and the peers racing for the
    /// released key would defer to "a primary that is still alive" which is already gone, while this node, starting
    /// again as a replica, could race them for the key it just gave up.
    /// </summary>
    public void ShowStopped()
    {
        _stoppedSinceObserved = true;
        if (Current is { } current)
        {
            LocalPostgres stopped = Stopped(current.Postgres);
            Volatile.Write(ref _current, current with
            {
                Postgres = stopped,
                Role = MemberStatus.Role(stopped),
                State = MemberStatus.State(stopped, longAction: null, crashed: false),
                ReplicationState = MemberStatus.ReplicationState(stopped, longAction: null),
                TakenAt = clock.GetUtcNow(),
            });
        }
    }

    public async Task PublishAsync(HaInput input, AgentMemory memory, LongActionStatus? longAction, CancellationToken ct)
    {
        bool stoppedByDemotion = _stoppedSinceObserved;
        _stoppedSinceObserved = false;
        if (stoppedByDemotion)
        {
            input = input with { Postgres = Stopped(input.Postgres) };
        }
        bool crashed = !stoppedByDemotion && input.Memory.PostgresWasRunning && !input.Postgres.IsRunning;
        Member member = BuildMember(input, longAction, crashed);
        AgentSnapshot snapshot = new()
        {
            Name = member.Name,
            Scope = settings.Local.Scope,
            Postgres = input.Postgres,
            Role = member.Role,
            State = member.State,
            ReplicationState = member.ReplicationState,
            Cluster = input.Cluster.IsReachable ? input.Cluster : Current?.Cluster ?? ClusterView.Empty,
            LeaderKeyRefreshedAt = memory.HoldsLeaderKey ? memory.LeaderKeyRefreshedAt : null,
            DcsLastSeen = memory.DcsLastSeen,
            TakenAt = clock.GetUtcNow(),
            Tags = settings.Local.Tags,
            Paused = input.Settings.Paused,
            Ttl = input.Settings.Ttl,
            LoopWait = input.Settings.LoopWait,
            ApiUrl = member.ApiUrl,
            ConnUrl = member.ConnUrl,
        };
        Volatile.Write(ref _current, snapshot);
        // After a failed or unanswered key refresh the next decision (a demotion, or the retry) must not wait for this write.
        if (input.Cluster.IsReachable && !memory.LockRefreshFailed && !memory.LeaderKeyInDoubt)
        {
            // Patroni rewrites a member key that vanished (an operator removed it); otherwise unchanged content is not re-sent.
            bool keyMissing = !input.Cluster.Members.Any(m => m.Name == member.Name);
            await lease.PublishMemberAsync(MemberJson.Serialize(member), keyMissing, ct);
        }
    }

    /// <summary>What a stopped server reports: its identity stays, its live status goes.</summary>
    private static LocalPostgres Stopped(LocalPostgres observed) => LocalPostgres.StoppedInstance with
    {
        SystemIdentifier = observed.SystemIdentifier,
        ServerVersion = observed.ServerVersion,
        Timeline = observed.Timeline,
    };

    private Member BuildMember(HaInput input, LongActionStatus? longAction, bool crashed)
    {
        LocalPostgres pg = input.Postgres;
        bool positionKnown = pg.RunState is PostgresRunState.Running;
        return new Member
        {
            Name = settings.Local.Name,
            ConnUrl = $"postgres://{settings.Local.Postgresql.ConnectAddress}/{settings.Local.Postgresql.Database}",
            ApiUrl = $"http://{settings.Local.RestApi.ConnectAddress}/patroni",
            State = MemberStatus.State(pg, longAction, crashed),
            ReplicationState = MemberStatus.ReplicationState(pg, longAction),
            Role = MemberStatus.Role(pg),
            XlogLocation = positionKnown ? pg.WalPosition : null,
            Timeline = positionKnown && pg.Timeline > 0 ? pg.Timeline : null,
            Tags = settings.Local.Tags,
            PendingRestart = pg.PendingRestart,
            PendingRestartReason = pg.PendingRestartReason,
            Paused = input.Settings.Paused,
            Version = "3.0.2",
        };
    }
}

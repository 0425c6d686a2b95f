using Microsoft.Extensions.Logging;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>Step 1 of a cycle: every read the decision needs, each bounded in time. Failures become facts.</summary>
public sealed class HaObserver(
    IClusterStore store,
    IPostgresProbe probe,
    PeerProbe peers,
    ClusterSettings settings,
    LongActionRunner longActions,
    TimeProvider clock,
    ILogger<HaObserver> logger)
{
    private static readonly TimeSpan s_peerTimeout = TimeSpan.FromSeconds(2);

    // Whether the last look found a server running. Peers are asked ahead of the local answer only then: a node
    // whose server is down (waiting for a bootstrap, say) does not race, and would send its questions for nothing.
    private bool _serverRanLastLook = true;

    public async Task<HaInput> ObserveAsync(AgentMemory memory, CancellationToken ct)
    {
        // Right after etcd said the key is no longer ours the decision must not wait another retry_timeout for etcd:
        // decide at once (the self-fencing rule demotes a primary). A refresh that got no answer reads etcd again.
        long started = clock.GetTimestamp();
        ClusterView cluster = memory.LockRefreshFailed ? ClusterView.Unreachable : await ReadClusterAsync(LeadershipProof.Expires(memory, settings.Ha), ct);
        if (cluster.IsReachable)
        {
            settings.Apply(cluster.ConfigJson);
        }
        HaSettings ha = settings.Ha;
        long read = clock.GetTimestamp();
        bool leaderless = cluster.IsReachable && cluster.Leader is null;
        // The bootstrapping node takes the key it initialized without comparing itself with anyone.
        bool racing = leaderless && !IsNamedCandidate(cluster, ha.Name) && !memory.Bootstrapping;
        // In a leader race the peers are asked while the local server is looked at: both answer the same question.
        using var peersDone = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<IReadOnlyList<PeerReport>>? asking = racing && _serverRanLastLook ? AskPeersAsync(cluster, ha, peersDone.Token) : null;
        LocalPostgres postgres = await probe.ProbeAsync(leaderless ? ReplayTimelineDetail.LastKnown : ReplayTimelineDetail.Exact, ct);
        _serverRanLastLook = postgres.IsRunning;
        long probed = clock.GetTimestamp();
        IReadOnlyList<PeerReport> peerReports = await PeerAnswersAsync(asking, peersDone, racing && postgres.IsRunning, cluster, ha, ct);
        if (leaderless && postgres.IsRunning)
        {
            LogRace(started, read, probed);
        }
        WarnIfSlow(started, read, probed, ha.LoopWait);
        FailsafeCheck? failsafe = null;
        if (!cluster.IsReachable && ha.FailsafeMode && !ha.Paused && postgres.IsRunningPrimary && memory.FailsafeMembers is { } failsafeList)
        {
            failsafe = await peers.FailsafeRoundAsync(failsafeList, ct);
        }
        return new HaInput
        {
            Cluster = cluster,
            Postgres = postgres,
            Memory = memory,
            Settings = ha,
            Now = clock.GetUtcNow(),
            Peers = peerReports,
            LongAction = longActions.TakeStatus(),
            Failsafe = failsafe,
            FailsafeContact = peers.LastFailsafeContact,
        };
    }

    /// <summary>
    /// The peers' answers when this node races: those already asked for, or asked now when the server came up since
    /// the last look. A server that is not running does not race, and questions already sent are cancelled.
    /// </summary>
    private async Task<IReadOnlyList<PeerReport>> PeerAnswersAsync(Task<IReadOnlyList<PeerReport>>? asking, CancellationTokenSource peersDone,
        bool races, ClusterView cluster, HaSettings ha, CancellationToken ct)
    {
        if (!races)
        {
            if (asking is not null)
            {
                await peersDone.CancelAsync();
                await asking;
            }
            return [];
        }
        return await (asking ?? AskPeersAsync(cluster, ha, ct));
    }

    private Task<IReadOnlyList<PeerReport>> AskPeersAsync(ClusterView cluster, HaSettings ha, CancellationToken ct)
    {
        IEnumerable<Member> others = cluster.Members.Where(m => m.Name != ha.Name);
        TimeSpan timeout = ha.LoopWait < s_peerTimeout ? ha.LoopWait : s_peerTimeout;
        return peers.ProbeAsync(others, timeout, ct);
    }

    /// <summary>No leader: a failover or switchover is on, and how long its look took is part of the clients' outage.</summary>
    private void LogRace(long started, long read, long probed) =>
        logger.LogInformation("no leader: looked in {Total:0} ms (etcd {Etcd:0} ms, PostgreSQL {Postgres:0} ms, peers until {Peers:0} ms)",
            clock.GetElapsedTime(started).TotalMilliseconds, clock.GetElapsedTime(started, read).TotalMilliseconds,
            clock.GetElapsedTime(read, probed).TotalMilliseconds, clock.GetElapsedTime(read).TotalMilliseconds);

    /// <summary>
    /// The candidate a switchover or failover names takes the free key without comparing itself with the others
    /// (<see cref="FailoverCandidates.IsHealthiest"/> answers before it looks at them): asking them would only delay it.
    /// </summary>
    private static bool IsNamedCandidate(ClusterView cluster, string me) =>
        cluster.Failover is { IsEmpty: false, Candidate: { } candidate } && candidate == me;

    /// <summary>A look that outlasts loop_wait delays every decision (and the fence deadline): say where the time went.</summary>
    private void WarnIfSlow(long started, long read, long probed, TimeSpan loopWait)
    {
        TimeSpan total = clock.GetElapsedTime(started);
        if (total > loopWait)
        {
            logger.LogWarning("observing took {Total:0} ms (etcd {Etcd:0} ms, PostgreSQL {Postgres:0} ms, peers {Peers:0} ms), more than loop_wait",
                total.TotalMilliseconds, clock.GetElapsedTime(started, read).TotalMilliseconds,
                clock.GetElapsedTime(read, probed).TotalMilliseconds, clock.GetElapsedTime(probed).TotalMilliseconds);
        }
    }

    /// <summary>
    /// Retries the read until retry_timeout has passed, then reports etcd as unreachable. A primary's read also ends
    /// when its leadership proof does (<paramref name="proofExpires"/>): from then on the decision must demote it.
    /// </summary>
    private async Task<ClusterView> ReadClusterAsync(DateTimeOffset? proofExpires, CancellationToken ct)
    {
        DateTimeOffset deadline = clock.GetUtcNow() + settings.Ha.RetryTimeout;
        // Only the proof's end cuts a call short: retry_timeout is the retry loop's, so the etcd client's own call
        // timeouts still fire first and move it to the next endpoint.
        DateTimeOffset? cutOff = proofExpires is { } expires && expires < deadline ? expires : null;
        if (cutOff is { } end)
        {
            deadline = end;
        }
        using var bounded = new ProofBound(cutOff, clock, ct);
        TimeSpan backoff = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            try
            {
                return await store.ReadAsync(bounded.Token);
            }
            catch (Exception e) when (e is DcsUnavailableException || (e is OperationCanceledException && bounded.Expired && !ct.IsCancellationRequested))
            {
                if (bounded.Expired || clock.GetUtcNow() + backoff >= deadline)
                {
                    logger.LogWarning("etcd is not accessible: {Error}", e is DcsUnavailableException ? e.Message : "no answer before the leadership proof ends");
                    return ClusterView.Unreachable;
                }
                logger.LogDebug("etcd read failed, retrying: {Error}", e.Message);
            }
            await Task.Delay(backoff, clock, ct);
            backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 1000));
        }
    }
}

using Microsoft.Extensions.Logging;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;

namespace Pgha.Agent;

/// <summary>
/// Step 4 of a cycle: runs the decided actions in order, and records their outcome in the agent's memory.
/// When a lock action fails, the actions after it are skipped: nobody promotes without the key.
/// </summary>
public sealed class HaExecutor(
    ILeaderLease lease,
    IPostgresControl control,
    LongActionRunner longActions,
    IPostgresProvisioning provisioning,
    DcsWrites dcs,
    PrimaryFence fence,
    MemberPublisher publisher,
    TimeProvider clock,
    ILogger<HaExecutor> logger)
{
    public async Task<AgentMemory> ExecuteAsync(HaDecision decision, HaInput input, CancellationToken ct)
    {
        AgentMemory memory = decision.NextMemory;
        foreach (HaAction action in decision.Actions)
        {
            (memory, bool proceed) = await RunAsync(action, memory, input, ct);
            if (!proceed)
            {
                logger.LogDebug("skipping the actions after {Action}", action.GetType().Name);
                break;
            }
        }
        return memory;
    }

    private async Task<(AgentMemory, bool)> RunAsync(HaAction action, AgentMemory memory, HaInput input, CancellationToken ct)
    {
        try
        {
            return action switch
            {
                AcquireLeaderLock when input.LongAction is { Name: LongActionNames.Bootstrap, Running: false, Failed: false } =>
                    Fenced(await AcquireAfterBootstrapAsync(memory, input, ct), input),
                AcquireLeaderLock => Fenced(await AcquireAsync(memory, ct), input),
                RefreshLeaderLock => Fenced(await RefreshAsync(memory, input, ct), input),
                ReleaseLeaderLock => await ReleaseAsync(memory, ct),
                ClaimInitializeKey => await ClaimInitializeAsync(memory, ct),
                BootstrapCluster => Long(Fenced((memory, true), input).Item1, LongActionNames.Bootstrap, provisioning.BootstrapAsync, ct),
                CreateReplica c => Long(memory, LongActionNames.CreateReplica, t => provisioning.CloneAsync(Resolve(input, c.Source), t), ct),
                Rewind r => Long(memory, LongActionNames.Rewind, t => provisioning.RewindAsync(Resolve(input, r.Leader), t), ct),
                StartPostgres s => await StartAsync(memory, input, s, ct),
                Promote => await PromoteAsync(memory, input, ct),
                Demote d => await DemoteAsync(memory, d, ct),
                FollowLeader f => await FollowAsync(memory, input, f.Leader, ct),
                RemoveDataDirectory r => await RemoveDataAsync(memory, r.Why, ct),
                PublishInitialize p => await Done(memory, dcs.PublishInitializeAsync(p.SystemIdentifier, ct)),
                AbandonInitialize => await Done(memory, dcs.AbandonInitializeAsync(ct)),
                ClearFailoverKey => await Done(memory, dcs.ClearFailoverAsync(ct)),
                SetSynchronousStandbyNames s => await Done(memory, control.SetSynchronousStandbyNamesAsync(s.Value, ct)),
                WriteSyncKey w => Compared(memory, await dcs.WriteSyncAsync(w.Leader, w.SyncStandby, w.ExpectedRevision, ct)),
                DeleteSyncKey d => Compared(memory, await dcs.DeleteSyncAsync(d.ExpectedRevision, ct)),
                _ => throw new System.Diagnostics.UnreachableException($"unknown HA action {action}"),
            };
        }
        catch (DcsUnavailableException e)
        {
            logger.LogWarning("{Action} failed: etcd is not accessible: {Error}", action.GetType().Name, e.Message);
            return (action is RefreshLeaderLock ? InDoubt(memory) : memory, false);
        }
        catch (StartFailedException e) when (action is StartPostgres start)
        {
            bool diverged = start.Role == StartRole.Replica && TimelineMismatch.InStartLog(e.LogTail);
            logger.LogWarning("{Action} failed{Diverged}: {Error}", action.GetType().Name,
                diverged ? " because its WAL does not fit the requested timeline" : "", e.Message);
            return (memory with { FailedStarts = memory.FailedStarts + 1, StartFailedDiverged = diverged }, false);
        }
        catch (PghaException e)
        {
            logger.LogWarning("{Action} failed: {Error}", action.GetType().Name, e.Message);
            return (action is StartPostgres ? memory with { FailedStarts = memory.FailedStarts + 1 } : memory, false);
        }
    }

    private async Task<(AgentMemory, bool)> AcquireAsync(AgentMemory memory, CancellationToken ct)
    {
        DateTimeOffset started = clock.GetUtcNow();
        if (!await lease.TryAcquireAsync(ct))
        {
            logger.LogInformation("could not take out the leader key: another member holds it");
            return (memory with { HoldsLeaderKey = false }, false);
        }
        logger.LogInformation("took the leader key");
        return (memory with { HoldsLeaderKey = true, LeaderKeyRefreshedAt = started, LockRefreshFailed = false }, true);
    }

    private async Task<(AgentMemory, bool)> RefreshAsync(AgentMemory memory, HaInput input, CancellationToken ct)
    {
        // Not due (an event woke this cycle early) and etcd showed the key ours at the start of the cycle: the renewal
        // time stays as it was, so the proof and the fence deadline keep counting from the last real renewal.
        if (!LeaderKeyRefresh.IsDue(memory, input.Settings, clock.GetUtcNow()) && input.Cluster.Leader?.Name == input.Me)
        {
            return (memory, true);
        }
        // The refresh time is taken before the call: the key's TTL started no later than that.
        DateTimeOffset started = clock.GetUtcNow();
        // A refresh still waiting for etcd when the leadership proof ends would hold up the demotion: stop waiting.
        using var bounded = new ProofBound(LeadershipProof.Expires(memory, input.Settings), clock, ct);
        bool stillOurs;
        try
        {
            stillOurs = await lease.RefreshAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (bounded.Expired && !ct.IsCancellationRequested)
        {
            logger.LogWarning("refreshing the leader key got no answer before the leadership proof ended");
            return (InDoubt(memory), false);
        }
        if (!stillOurs)
        {
            return (Lost(memory), false);
        }
        if (input.Postgres.IsRunningPrimary)
        {
            await dcs.PublishOptimeAsync(input.Postgres.WalPosition, input.Cluster.LastLsn, ct);
        }
        return (memory with { HoldsLeaderKey = true, LeaderKeyRefreshedAt = started, LockRefreshFailed = false, LeaderKeyInDoubt = false }, true);
    }

    /// <summary>
    /// etcd answered and the key is not ours: demote at once. Any failsafe proof goes too, so the fence deadline ends
    /// now, because etcd is evidently reachable and someone else may already hold the key.
    /// </summary>
    private static AgentMemory Lost(AgentMemory memory) =>
        memory with { HoldsLeaderKey = false, LockRefreshFailed = true, LeaderKeyInDoubt = false, FailsafeConfirmedAt = null };

    /// <summary>
    /// No answer: the key may still be ours, and cannot expire before the last refresh + ttl. Keep HoldsLeaderKey and
    /// that refresh time, so the fence deadline and the self-fencing rule still count from it, and let the next cycle
    /// try again.
    /// </summary>
    private static AgentMemory InDoubt(AgentMemory memory) => memory.HoldsLeaderKey ? memory with { LeaderKeyInDoubt = true } : memory;

    /// <summary>Moves the fence deadline forward as soon as the key is ours, before any promote or start as primary.</summary>
    private (AgentMemory, bool) Fenced((AgentMemory Memory, bool Proceed) outcome, HaInput input)
    {
        fence.Update(outcome.Memory, input.Settings, input.LongAction);
        return outcome;
    }

    private async Task<(AgentMemory, bool)> ReleaseAsync(AgentMemory memory, CancellationToken ct)
    {
        await lease.ReleaseAsync(ct);
        return (memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null }, true);
    }

    private async Task<(AgentMemory, bool)> ClaimInitializeAsync(AgentMemory memory, CancellationToken ct)
    {
        if (await dcs.ClaimInitializeAsync(ct))
        {
            logger.LogInformation("claimed the initialize key: this member bootstraps the cluster");
            return (memory, true);
        }
        logger.LogInformation("failed to acquire initialize lock: another member bootstraps the cluster");
        return (memory with { Bootstrapping = false }, false);
    }

    /// <summary>
    /// The bootstrap's end: the member key says "running primary" before the leader key is taken, not at the cycle's
    /// end (after the slot and config work, 0.1-0.3 s later), because the other members clone from this node only once
    /// both keys say so and the leader key's watch event wakes them. PostgreSQL does run as primary already; their
    /// slots are still made in this cycle, long before a clone ends.
    /// </summary>
    private async Task<(AgentMemory, bool)> AcquireAfterBootstrapAsync(AgentMemory memory, HaInput input, CancellationToken ct)
    {
        try
        {
            await publisher.PublishAsync(input, memory, input.LongAction, ct);
        }
        catch (DcsUnavailableException e)
        {
            // Only a head start for the replicas: the key matters, and the cycle's end publishes again.
            logger.LogWarning("could not publish the member key before taking the leader key: {Error}", e.Message);
        }
        return await AcquireAsync(memory, ct);
    }

    private (AgentMemory, bool) Long(AgentMemory memory, string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        longActions.Start(name, work, ct);
        return (memory, true);
    }

    private async Task<(AgentMemory, bool)> StartAsync(AgentMemory memory, HaInput input, StartPostgres start, CancellationToken ct)
    {
        Upstream? upstream = start.Leader is null ? null : Resolve(input, start.Leader);
        await control.StartAsync(start.Role, upstream, ct);
        logger.LogInformation("PostgreSQL started as {Role} and accepting connections", start.Role);
        return (memory with { FailedStarts = 0, FollowingLeader = start.Leader, StartFailedDiverged = false, RewoundForDivergedStart = false }, true);
    }

    private async Task<(AgentMemory, bool)> PromoteAsync(AgentMemory memory, HaInput input, CancellationToken ct)
    {
        // Promotion waits until PostgreSQL leaves recovery, which can outlast the ttl on a loaded machine. Keep the key
        // and the fence deadline fresh meanwhile, or the lease expires under the primary being made and the fence
        // stops it. A refresh that fails drops the deadline, so the fence stops the promoted server at once.
        TimelineSwitch? left = null;
        using (var promoting = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            Task<AgentMemory> keeping = KeepLeaderKeyAsync(memory, input, promoting.Token);
            try
            {
                left = await control.PromoteAsync(SlotKeeper.Wanted(input), ct);
            }
            finally
            {
                await promoting.CancelAsync();
                memory = await keeping;
            }
        }
        if (!memory.HoldsLeaderKey)
        {
            return (memory, false);
        }
        await dcs.AppendHistoryAsync(input.Cluster.History, left?.LeftTimeline ?? input.Postgres.Timeline, left?.SwitchLsn ?? input.Postgres.WalPosition, input.Me, ct);
        return (memory with { NeedsRewindCheck = false, FollowingLeader = null, FailedRewinds = 0 }, true);
    }

    /// <summary>
    /// Refreshes the leader key every loop_wait until cancelled or until etcd says the key is not ours. A refresh without
    /// an answer leaves the deadline where the last one put it and tries again next time.
    /// </summary>
    private async Task<AgentMemory> KeepLeaderKeyAsync(AgentMemory memory, HaInput input, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await Task.Delay(input.Settings.LoopWait, clock, ct);
                try
                {
                    (memory, bool kept) = Fenced(await RefreshAsync(memory, input, ct), input);
                    if (!kept)
                    {
                        return memory;
                    }
                }
                catch (DcsUnavailableException e)
                {
                    logger.LogWarning("refreshing the leader key during promotion failed: etcd is not accessible: {Error}", e.Message);
                    memory = Fenced((InDoubt(memory), true), input).Item1;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return memory;
        }
    }

    private async Task<(AgentMemory, bool)> DemoteAsync(AgentMemory memory, Demote demote, CancellationToken ct)
    {
        DemoteMode mode = demote.Mode;
        DateTimeOffset? handedOver = null;
        if (mode == DemoteMode.Graceful)
        {
            // A clean stop after a checkpoint: the key goes as soon as the candidate (or, without one, every standby)
            // holds the last WAL, so the candidate promotes while the old postmaster is still finishing.
            await control.StopAndHandOverAsync(demote.HandOverTo, async t =>
            {
                await lease.ReleaseAsync(t);
                handedOver = clock.GetUtcNow();
                logger.LogInformation("leader key released");
            }, ct);
        }
        else
        {
            await control.StopAsync(mode, ct);
        }
        publisher.ShowStopped();
        if (mode == DemoteMode.Offline)
        {
            // Without etcd nobody can be followed; read-only keeps serving reads and refuses writes.
            await control.StartAsync(StartRole.Replica, null, ct);
        }
        return (memory with { FollowingLeader = null, NeedsRewindCheck = true, HoldsLeaderKey = false, LeaderKeyRefreshedAt = null, HandedOverAt = handedOver }, true);
    }

    private async Task<(AgentMemory, bool)> FollowAsync(AgentMemory memory, HaInput input, string leader, CancellationToken ct)
    {
        await control.FollowAsync(Resolve(input, leader), ct);
        return (memory with { FollowingLeader = leader }, true);
    }

    private async Task<(AgentMemory, bool)> RemoveDataAsync(AgentMemory memory, string why, CancellationToken ct)
    {
        logger.LogWarning("moving the data directory aside: {Why}", why);
        await control.StopAsync(DemoteMode.Immediate, ct);
        await provisioning.RemoveDataDirectoryAsync(ct);
        return (memory with { NeedsRewindCheck = false, FollowingLeader = null, StartFailedDiverged = false, RewoundForDivergedStart = false }, true);
    }

    /// <summary>A lost compare-and-set on the sync key: whatever depended on it waits for the next cycle's fresh read.</summary>
    private (AgentMemory, bool) Compared(AgentMemory memory, bool written)
    {
        if (!written)
        {
            logger.LogInformation("the sync key was changed by someone else; trying again next cycle");
        }
        return (memory, written);
    }

    private static async Task<(AgentMemory, bool)> Done(AgentMemory memory, Task work)
    {
        await work;
        return (memory, true);
    }

    private static Upstream Resolve(HaInput input, string name)
    {
        Member member = input.Cluster.FindMember(name)
            ?? throw new PghaException($"member '{name}' has no member key in etcd; cannot connect to it");
        (string host, int port) = member.PostgresEndpoint;
        return host.Length == 0
            ? throw new PghaException($"member '{name}' publishes no usable conn_url ('{member.ConnUrl}')")
            : new Upstream(name, host, port);
    }
}

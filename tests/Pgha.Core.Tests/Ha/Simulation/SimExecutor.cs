using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>
/// Applies one decision's actions in order, as the real executor is specified to: a failed lock action
/// (acquire, refresh, initialize claim) skips the rest; memory records what the key operations achieved.
/// Promotion and starting as primary are checked against the DCS at the instant they happen.
/// </summary>
internal sealed class SimExecutor(SafetySimulation world, SimAgent agent)
{
    private SimPostgres Pg => agent.Pg;
    private AgentMemory Memory => agent.Memory;

    public void Execute(IReadOnlyList<HaAction> actions)
    {
        foreach (HaAction action in actions)
        {
            if (!Apply(action))
            {
                return;
            }
        }
    }

    /// <summary>False when a lock action failed, which skips the rest of the decision.</summary>
    private bool Apply(HaAction action) => action switch
    {
        AcquireLeaderLock => KeyOperation(world.KeyCall(agent, () => world.Dcs.TryAcquire(agent.Name, world.Now)), refresh: false),
        RefreshLeaderLock => KeyOperation(world.KeyCall(agent, () => world.Dcs.Refresh(agent.Name, world.Now)), refresh: true),
        ClaimInitializeKey => world.DcsWrite(agent, world.Dcs.ClaimInitialize),
        ReleaseLeaderLock or PublishInitialize or AbandonInitialize or ClearFailoverKey => WriteKey(action),
        WriteSyncKey w => world.DcsWrite(agent, () => world.Dcs.WriteSync(w.Leader, w.SyncStandby, w.ExpectedRevision)),
        DeleteSyncKey d => world.DcsWrite(agent, () => world.Dcs.DeleteSync(d.ExpectedRevision)),
        SetSynchronousStandbyNames s => SetSyncNames(s.Value),
        _ => ApplyToPostgres(action),
    };

    /// <summary>Writes whose failure the executor only logs: the next cycle sees the key as it is.</summary>
    private bool WriteKey(HaAction action)
    {
        switch (action)
        {
            case ReleaseLeaderLock:
                Release();
                break;
            case PublishInitialize p:
                world.DcsWrite(agent, () => { world.Dcs.PublishInitialize(p.SystemIdentifier); return true; });
                break;
            case AbandonInitialize:
                world.DcsWrite(agent, () => { world.Dcs.AbandonInitialize(); return true; });
                break;
            case ClearFailoverKey:
                world.DcsWrite(agent, () => { world.Dcs.Failover = null; return true; });
                break;
        }
        return true;
    }

    private bool ApplyToPostgres(HaAction action)
    {
        switch (action)
        {
            case BootstrapCluster:
                Bootstrap();
                break;
            case CreateReplica c:
                CopyFrom(c.Source, LongActionNames.CreateReplica);
                break;
            case Rewind r:
                CopyFrom(r.Leader, LongActionNames.Rewind);
                break;
            case StartPostgres s:
                Start(s);
                break;
            case Promote:
                PromoteStandby();
                break;
            case Demote d:
                StepDown(d.Mode);
                break;
            case FollowLeader f:
                Pg.Upstream = f.Leader;
                Pg.SyncNames = "";
                agent.Remember(Memory with { FollowingLeader = f.Leader });
                break;
            case RemoveDataDirectory:
                Pg.RemoveData();
                break;
            default:
                throw new InvalidOperationException($"the simulation does not know {action}");
        }
        return true;
    }

    private bool SetSyncNames(string? value)
    {
        if (Pg.HasData)
        {
            Pg.SyncNames = value ?? "";
        }
        return true;
    }

    /// <summary>Records the key operation's outcome as HaExecutor does; false skips the rest of the decision.</summary>
    private bool KeyOperation(KeyAnswer answer, bool refresh)
    {
        if (answer == KeyAnswer.Done)
        {
            agent.Remember(Memory with { HoldsLeaderKey = true, LeaderKeyRefreshedAt = world.Now, LockRefreshFailed = false, LeaderKeyInDoubt = false });
            if (Pg.IsWritablePrimary(world.Now))
            {
                world.Dcs.LastLsn = Pg.Wal;
                world.Dcs.History = [.. Pg.History.Select(h => new HistoryEntry(h.Timeline, h.EndLsn, "no recovery target specified", null, null))];
            }
            return true;
        }
        agent.Remember((answer, refresh) switch
        {
            (KeyAnswer.NotYours, true) => Memory with { HoldsLeaderKey = false, LockRefreshFailed = true, LeaderKeyInDoubt = false, FailsafeConfirmedAt = null },
            (KeyAnswer.NotYours, false) => Memory with { HoldsLeaderKey = false },
            (_, true) => Memory with { LeaderKeyInDoubt = Memory.HoldsLeaderKey },
            _ => Memory,
        });
        return false;
    }

    private void Release()
    {
        world.DcsWrite(agent, () => { world.Dcs.Release(agent.Name, world.Now); return true; });
        agent.Remember(Memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null });
    }

    private void Bootstrap()
    {
        Pg.State = PostgresRunState.Running;
        Pg.InRecovery = false;
        Pg.Timeline = 1;
        Pg.Wal = 1;
        Pg.SystemId = "7000";
        agent.ReportLongAction(LongActionNames.Bootstrap, null);
    }

    private void CopyFrom(string source, string longAction)
    {
        SimPostgres from = world.Agent(source).Pg;
        if (!from.HasData)
        {
            agent.ReportLongAction(longAction, $"{source} has no data directory");
            return;
        }
        // pg_rewind leaves the data directory as a copy of the source up to its current position, like a clone.
        Pg.Stop();
        Pg.CloneFrom(from);
        agent.ReportLongAction(longAction, null);
    }

    private void Start(StartPostgres start)
    {
        if (!Pg.HasData || Pg.State == PostgresRunState.Running)
        {
            return;
        }
        if (world.Chance(world.Faults.StartFailure))
        {
            agent.Remember(Memory with { FailedStarts = Memory.FailedStarts + 1 });
            return;
        }
        if (start.Role == StartRole.Primary)
        {
            world.CheckHoldsKey(agent, "started PostgreSQL as primary");
        }
        Pg.State = PostgresRunState.Running;
        Pg.InRecovery = start.Role == StartRole.Replica;
        Pg.Upstream = start.Leader;
        Pg.SyncNames = start.Role == StartRole.Replica ? "" : Pg.SyncNames;
        agent.Remember(Memory with { FailedStarts = 0, FollowingLeader = start.Leader });
    }

    private void PromoteStandby()
    {
        if (Pg.State != PostgresRunState.Running || !Pg.InRecovery)
        {
            return;
        }
        world.CheckHoldsKey(agent, "promoted");
        world.CheckInSyncSet(agent);
        Pg.InRecovery = false;
        Pg.StartNewTimeline();
        Pg.Upstream = null;
    }

    private void StepDown(DemoteMode mode)
    {
        Pg.Stop();
        agent.Remember(Memory with { FollowingLeader = null });
        if (mode == DemoteMode.Offline && Pg.HasData)
        {
            Pg.State = PostgresRunState.Running;
            Pg.InRecovery = true;
        }
        if (mode is DemoteMode.Immediate or DemoteMode.Graceful)
        {
            Release();
        }
    }
}

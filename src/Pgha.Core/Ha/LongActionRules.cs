namespace Pgha.Core.Ha;

/// <summary>Rules while a long action (bootstrap, clone, rewind) runs beside the loop, or just finished.</summary>
internal static class LongActionRules
{
    public static HaDecision Decide(HaInput input, LongActionStatus action)
    {
        if (action.Running)
        {
            // A holder keeps its key alive; nobody else acts until the action ends.
            return input.Cluster.IsReachable && input.Cluster.IsLeader(input.Me)
                ? Decision.Do(input, HaReasons.LongActionInProgress(action.Name), new RefreshLeaderLock())
                : Decision.Wait(input, HaReasons.LongActionInProgress(action.Name));
        }
        if (action.Name == LongActionNames.Bootstrap)
        {
            return Bootstrapped(input, action);
        }
        if (action.Failed && action.Name == LongActionNames.Rewind)
        {
            AgentMemory next = input.Memory with { FailedRewinds = input.Memory.FailedRewinds + 1 };
            return Decision.Do(next, HaReasons.RewindFailed(action.Error), new RemoveDataDirectory("pg_rewind failed"));
        }
        if (action.Failed)
        {
            return Decision.Wait(input, HaReasons.LongActionFailed(action.Name, action.Error));
        }
        // Success of clone or rewind: the data now matches the leader's history, so start following it right away
        // (re-judging the stopped instance by its control file could rewind again for nothing).
        AgentMemory done = input.Memory with { NeedsRewindCheck = false, FailedRewinds = 0 };
        return input.Cluster.IsReachable && input.Cluster.Leader is { } leader && leader.Name != input.Me
            ? Decision.Do(done, HaReasons.LongActionFinished(action.Name), new StartPostgres(StartRole.Replica, leader.Name))
            : Decision.Do(done, HaReasons.LongActionFinished(action.Name));
    }

    private static HaDecision Bootstrapped(HaInput input, LongActionStatus action)
    {
        if (action.Failed || input.Postgres.SystemIdentifier is null || !input.Postgres.IsRunningPrimary)
        {
            AgentMemory failed = input.Memory with { Bootstrapping = false, FailedBootstraps = input.Memory.FailedBootstraps + 1 };
            return Decision.Do(failed, HaReasons.BootstrapFailed(action.Error ?? "PostgreSQL is not running as primary"),
                new AbandonInitialize(), new Demote(DemoteMode.Immediate), new RemoveDataDirectory("bootstrap failed"));
        }
        AgentMemory next = input.Memory with { Bootstrapping = false };
        return Decision.Do(next, HaReasons.BootstrapFinished,
            new AcquireLeaderLock(), new PublishInitialize(input.Postgres.SystemIdentifier));
    }
}

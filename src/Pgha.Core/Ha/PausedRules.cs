namespace Pgha.Core.Ha;

/// <summary>Maintenance mode: no automatic start, stop, promote or demote. The holder keeps its key.</summary>
internal static class PausedRules
{
    public static HaDecision Decide(HaInput input)
    {
        if (input.Cluster.IsLeader(input.Me))
        {
            return Decision.Do(input, HaReasons.PausedNoAction, new RefreshLeaderLock());
        }
        bool sameCluster = input.Cluster.Initialize is null or "" || input.Cluster.Initialize == input.Postgres.SystemIdentifier;
        if (input.Cluster.Leader is null && input.Postgres.IsRunningPrimary && sameCluster)
        {
            return Decision.Do(input, HaReasons.PausedTakeFreeKey, new AcquireLeaderLock());
        }
        return Decision.Wait(input, HaReasons.PausedNoAction);
    }
}

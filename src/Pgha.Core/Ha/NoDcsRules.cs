namespace Pgha.Core.Ha;

/// <summary>etcd could not be read within retry_timeout: a primary cannot prove it leads, so it steps down.</summary>
internal static class NoDcsRules
{
    public static HaDecision Decide(HaInput input)
    {
        if (SelfFencing.MayAcceptWrites(input.Postgres) && !input.Settings.Paused)
        {
            AgentMemory next = input.Memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null, NeedsRewindCheck = true };
            return Decision.Do(next, HaReasons.DemoteNoDcs, new Demote(DemoteMode.Offline));
        }
        if (input.Postgres.RunState == PostgresRunState.Stopped && !input.Settings.Paused && input.Postgres.InRecovery)
        {
            // Read-only is always safe; it keeps replicas serving reads through an etcd outage.
            return Decision.Do(input, HaReasons.NoDcsStartReadOnly, new StartPostgres(StartRole.Replica, null));
        }
        return Decision.Wait(input, HaReasons.NoDcs);
    }
}

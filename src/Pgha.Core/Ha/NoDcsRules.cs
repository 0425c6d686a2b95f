namespace Pgha.Core.Ha;

/// <summary>
/// etcd could not be read within retry_timeout. A primary whose last key refresh is younger than ttl − margin keeps
/// its role: nobody can take the key before that refresh + ttl, and the self-fencing rule (and the fence process)
/// demote it when the proof runs out. So an etcd election or a short outage costs no failover. A primary without
/// such a proof cannot show it leads, so it steps down.
/// </summary>
internal static class NoDcsRules
{
    public static HaDecision Decide(HaInput input)
    {
        if (SelfFencing.MayAcceptWrites(input.Postgres) && !input.Settings.Paused)
        {
            if (input.Postgres.IsRunningPrimary && SelfFencing.ProofLeft(input) is { } left)
            {
                // In doubt: the loop retries at once, each etcd call bounded by the proof's end.
                return Decision.Do(input.Memory with { LeaderKeyInDoubt = true }, HaReasons.NoDcsKeepPrimary(left));
            }
            return Decision.Do(input.Memory.SteppedDown(), HaReasons.DemoteNoDcs, new Demote(DemoteMode.Offline));
        }
        if (input.Postgres.RunState == PostgresRunState.Stopped && !input.Settings.Paused && input.Postgres.InRecovery)
        {
            // Read-only is always safe; it keeps replicas serving reads through an etcd outage.
            return Decision.Do(input, HaReasons.NoDcsStartReadOnly, new StartPostgres(StartRole.Replica, null));
        }
        return Decision.Wait(input, HaReasons.NoDcs);
    }
}

namespace Pgha.Core.Ha;

/// <summary>
/// Gray failures of the leader's own PostgreSQL that the ordinary probe cannot see: the server answers queries but
/// cannot persist a commit (WAL directory unwritable, disk full, I/O errors), or its commits hang on a stuck disk.
/// Such a primary is a failed primary: it stops and hands the key over, so that a healthy replica promotes.
/// </summary>
internal static class GrayFailureRules
{
    private const int MaxSlowWalWrites = 2;

    public static HaDecision? Decide(HaInput input)
    {
        LocalPostgres pg = input.Postgres;
        if (input.Settings.Paused || !input.Cluster.IsLeader(input.Me))
        {
            return null;
        }
        AgentMemory released = input.Memory with { HoldsLeaderKey = false, NeedsRewindCheck = true, SlowWalWrites = 0, StartingSince = null };
        if (pg.RunState == PostgresRunState.Starting && !pg.InRecovery && input.Memory.StartingSince is { } since
            && input.Now - since >= input.Settings.PrimaryStartTimeout)
        {
            // A primary that cannot write its WAL PANICs and then loops in crash recovery, refusing connections as
            // "starting" for ever; any start past primary_start_timeout is treated alike (Patroni's rule).
            return Decision.Do(released, HaReasons.StartTimedOut(input.Settings.PrimaryStartTimeout), new Demote(DemoteMode.Immediate), new ReleaseLeaderLock());
        }
        if (!pg.IsRunningPrimary)
        {
            return null;
        }
        return pg.WalWrite switch
        {
            // An error is definitive: PostgreSQL itself said the write cannot be done.
            WalWriteCheck.Failed => Decision.Do(released, HaReasons.WalWriteFailed(pg.WalWriteError ?? "no detail"), new Demote(DemoteMode.Immediate), new ReleaseLeaderLock()),
            // A timeout may be a busy machine: one more cycle, as for a primary that does not answer.
            WalWriteCheck.TimedOut when input.Memory.SlowWalWrites >= MaxSlowWalWrites =>
                Decision.Do(released, HaReasons.WalWriteHung, new Demote(DemoteMode.Immediate), new ReleaseLeaderLock()),
            WalWriteCheck.TimedOut => Decision.Do(input, HaReasons.WalWriteSlow(input.Memory.SlowWalWrites), new RefreshLeaderLock()),
            _ => null,
        };
    }
}

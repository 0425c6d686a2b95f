using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>The gray-failure rows of HaRuleCatalog.md: a leader whose PostgreSQL answers but cannot persist a commit.</summary>
public sealed class GrayFailureRulesTests
{
    private static HaInput Leader(WalWriteCheck check, int slowBefore = 0) =>
        Input.For("n1").Sees(Cluster.WithLeader("n1"))
            .Finds(Postgres.RunningPrimary() with { WalWrite = check, WalWriteError = "could not open file: Permission denied" })
            .Remembers(Memory.LeaderRefreshed(5) with { SlowWalWrites = slowBefore });

    [Fact]
    public void A_failed_WAL_write_demotes_at_once_and_releases_the_key()
    {
        HaDecision decision = HaRules.Decide(Leader(WalWriteCheck.Failed));

        Assert.Equal([new Demote(DemoteMode.Immediate), new ReleaseLeaderLock()], decision.Actions);
        Assert.Equal(HaReasons.WalWriteFailed("could not open file: Permission denied"), decision.Reason);
    }

    [Fact]
    public void A_first_timed_out_WAL_write_keeps_the_key_one_more_cycle()
    {
        HaDecision decision = HaRules.Decide(Leader(WalWriteCheck.TimedOut));

        Assert.Equal([new RefreshLeaderLock()], decision.Actions);
        Assert.Equal(HaReasons.WalWriteSlow(1), decision.Reason);
        Assert.Equal(1, decision.NextMemory.SlowWalWrites);
    }

    [Fact]
    public void A_second_timed_out_WAL_write_in_a_row_demotes_and_releases_the_key()
    {
        HaDecision decision = HaRules.Decide(Leader(WalWriteCheck.TimedOut, slowBefore: 1));

        Assert.Equal([new Demote(DemoteMode.Immediate), new ReleaseLeaderLock()], decision.Actions);
        Assert.Equal(HaReasons.WalWriteHung, decision.Reason);
    }

    [Fact]
    public void A_successful_WAL_write_resets_the_count_and_leads_as_usual()
    {
        HaDecision decision = HaRules.Decide(Leader(WalWriteCheck.Succeeded, slowBefore: 1));

        Assert.Equal([new RefreshLeaderLock()], decision.Actions);
        Assert.Equal(HaReasons.LeaderNoAction("n1"), decision.Reason);
        Assert.Equal(0, decision.NextMemory.SlowWalWrites);
    }

    [Fact]
    public void A_paused_leader_is_left_alone_whatever_its_WAL_does()
    {
        HaInput input = Leader(WalWriteCheck.Failed) with { Settings = Settings.For("n1", paused: true) };

        HaDecision decision = HaRules.Decide(input);

        Assert.Equal(HaReasons.PausedNoAction, decision.Reason);
    }

    [Fact]
    public void A_primary_starting_for_longer_than_primary_start_timeout_demotes_and_releases_the_key()
    {
        HaInput input = Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.Starting(inRecovery: false))
            .Remembers(Memory.LeaderRefreshed(2) with { StartingSince = Clock.SecondsAgo(300) });

        HaDecision decision = HaRules.Decide(input);

        Assert.Equal([new Demote(DemoteMode.Immediate), new ReleaseLeaderLock()], decision.Actions);
        Assert.Equal(HaReasons.StartTimedOut(TimeSpan.FromSeconds(300)), decision.Reason);
    }

    [Fact]
    public void A_primary_starting_within_primary_start_timeout_keeps_the_key()
    {
        HaInput input = Input.For("n1").Sees(Cluster.WithLeader("n1")).Finds(Postgres.Starting(inRecovery: false))
            .Remembers(Memory.LeaderRefreshed(2) with { StartingSince = Clock.SecondsAgo(299) });

        HaDecision decision = HaRules.Decide(input);

        Assert.Equal([new RefreshLeaderLock()], decision.Actions);
        Assert.Equal(299, (decision.NextMemory.StartingSince is { } since ? Clock.T0 - since : TimeSpan.Zero).TotalSeconds);
    }
}

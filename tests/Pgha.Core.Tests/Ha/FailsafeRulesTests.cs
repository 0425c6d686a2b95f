using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>The failsafe rows of HaRuleCatalog.md: a primary without etcd, and replicas that must not race it.</summary>
public sealed class FailsafeRulesTests
{
    private static readonly Dictionary<string, RuleRow> s_rows = Rows().ToDictionary(r => r.Name);

    public static TheoryData<string> Rules => new(s_rows.Keys);

    private static HaSettings Failsafe(string name) => Settings.For(name) with { FailsafeMode = true };

    private static FailsafeCheck AllAccepted => new(Clock.SecondsAgo(1), ["n2", "n3"], []);

    private static FailsafeCheck OneRefused => new(Clock.SecondsAgo(1), ["n2"], ["n3 (unreachable)"]);

    [Fact]
    public void A_primary_that_steps_down_for_lack_of_etcd_keeps_no_failsafe_proof_and_checks_for_divergence_on_its_next_start()
    {
        HaDecision decision = HaRules.Decide(Input.For("n1").Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary())
            .Remembers(Memory.Fresh with { FailsafeConfirmedAt = Clock.SecondsAgo(60) }));

        Assert.Equal(HaReasons.DemoteNoDcs, decision.Reason);
        Assert.Equal((null, false, true), (decision.NextMemory.FailsafeConfirmedAt, decision.NextMemory.HoldsLeaderKey, decision.NextMemory.NeedsRewindCheck));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_failsafe_rule_emits_exactly_its_actions_and_reason(string rule)
    {
        RuleRow row = s_rows[rule];

        HaDecision decision = HaRules.Decide(row.Input);

        Assert.Equal(row.Actions, decision.Actions);
        Assert.Equal(row.Reason, decision.Reason);
    }

    private static IEnumerable<RuleRow> Rows()
    {
        HaInput lost = Input.For(Failsafe("n1")).Sees(Cluster.Unreachable).Finds(Postgres.RunningPrimary()).Remembers(Memory.LeaderRefreshed(10));
        yield return RuleRow.Of("etcd unreachable, every member accepted", lost with { Failsafe = AllAccepted }, HaReasons.FailsafeStay);
        yield return RuleRow.Of("key refresh got no answer, every member accepted",
            lost with { Failsafe = AllAccepted, Memory = Memory.LeaderRefreshed(3) with { LeaderKeyInDoubt = true } },
            HaReasons.FailsafeStay);
        yield return RuleRow.Of("etcd said the key is not mine: no round keeps it",
            lost with { Failsafe = AllAccepted, Memory = Memory.LeaderRefreshed(3) with { LockRefreshFailed = true, HoldsLeaderKey = false } },
            HaReasons.DemoteLockRefreshFailed, new Demote(DemoteMode.ImmediateNoLock));
        yield return RuleRow.Of("no other member in the list", lost with { Failsafe = new FailsafeCheck(Clock.T0, [], []) }, HaReasons.FailsafeStay);
        yield return RuleRow.Of("one member refused", lost with { Failsafe = OneRefused },
            HaReasons.FailsafeDemote("n3 (unreachable)"), new Demote(DemoteMode.Offline));
        yield return RuleRow.Of("failsafe on but no list known: the key refresh still counts", lost, HaReasons.NoDcsKeepPrimary(TimeSpan.FromSeconds(15)));
        yield return RuleRow.Of("failsafe off ignores the answers",
            lost with { Settings = Settings.For("n1"), Failsafe = AllAccepted, Memory = Memory.Fresh }, HaReasons.DemoteNoDcs, new Demote(DemoteMode.Offline));
        yield return RuleRow.Of("a hung primary is not kept",
            lost with { Failsafe = AllAccepted, Postgres = Postgres.NotResponding() }, HaReasons.DemoteNoDcs, new Demote(DemoteMode.Offline));
        yield return RuleRow.Of("a failsafe round counts as a refresh for self-fencing",
            Input.For(Failsafe("n1")).Sees(Cluster.WithLeader("n1")).Finds(Postgres.RunningPrimary())
                .Remembers(Memory.LeaderRefreshed(60) with { FailsafeConfirmedAt = Clock.SecondsAgo(2) }),
            HaReasons.LeaderNoAction("n1"), new RefreshLeaderLock());

        HaInput race = Input.For(Failsafe("n2")).Sees(Cluster.WithoutLeader().Member("n1", role: MemberRole.Primary).Member("n2").Member("n3"))
            .Finds(Postgres.RunningReplica());
        yield return RuleRow.Of("accepted a failsafe POST within ttl",
            race with { FailsafeContact = new FailsafeContact("n1", Clock.SecondsAgo(20)) }, HaReasons.FailsafeNoRace("n1"));
        yield return RuleRow.Of("not in the failsafe list",
            race with { Cluster = race.Cluster with { Failsafe = new Dictionary<string, string> { ["n1"] = "u1", ["n3"] = "u3" } } },
            HaReasons.FailsafeNotListed);
        yield return RuleRow.Of("failsafe POST older than ttl: races as usual",
            race with { FailsafeContact = new FailsafeContact("n1", Clock.SecondsAgo(31)) },
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote());
        yield return RuleRow.Of("failsafe off: a failsafe POST does not hold the race",
            race with { Settings = Settings.For("n2"), FailsafeContact = new FailsafeContact("n1", Clock.SecondsAgo(1)) },
            HaReasons.RaceAcquirePromote, new AcquireLeaderLock(), new Promote());
    }
}

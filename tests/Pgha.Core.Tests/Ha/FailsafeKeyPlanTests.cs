using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

public sealed class FailsafeKeyPlanTests
{
    private static readonly HaSettings s_on = Settings.For("n1") with { FailsafeMode = true };
    private static readonly AgentMemory s_leader = Memory.LeaderRefreshed(1);

    private static ClusterView ThreeMembers(IReadOnlyDictionary<string, string>? failsafe = null) =>
        new ClusterBuilder().Leader("n1").Build() with
        {
            Members = new[] { "n1", "n2", "n3" }.Select(n => new Member { Name = n, ApiUrl = $"http://{n}:8008/patroni" }).ToList(),
            Failsafe = failsafe,
        };

    [Fact]
    public void The_leader_writes_every_member_with_its_api_url_itself_included()
    {
        FailsafeKeyChange? change = FailsafeKeyPlan.Plan(ThreeMembers(), s_on, s_leader, runningPrimary: true);

        Assert.Equal("""{"n1":"http://n1:8008/patroni","n2":"http://n2:8008/patroni","n3":"http://n3:8008/patroni"}""", change?.Value);
    }

    [Fact]
    public void An_unchanged_key_is_not_written_again()
    {
        ClusterView view = ThreeMembers();
        IReadOnlyDictionary<string, string> current = view.Members.ToDictionary(m => m.Name, m => m.ApiUrl);

        Assert.Null(FailsafeKeyPlan.Plan(view with { Failsafe = current }, s_on, s_leader, runningPrimary: true));
    }

    [Fact]
    public void With_failsafe_mode_off_the_leader_deletes_an_existing_key()
    {
        FailsafeKeyChange? change = FailsafeKeyPlan.Plan(ThreeMembers(new Dictionary<string, string> { ["n1"] = "u" }), Settings.For("n1"), s_leader, runningPrimary: true);

        Assert.Equal(new FailsafeKeyChange(null), change);
    }

    [Fact]
    public void A_replica_never_writes_the_key()
    {
        Assert.Null(FailsafeKeyPlan.Plan(ThreeMembers(), s_on with { Name = "n2" }, Memory.Fresh, runningPrimary: false));
    }

    [Fact]
    public void The_failsafe_value_round_trips()
    {
        var members = new Dictionary<string, string> { ["b"] = "http://b/patroni", ["a"] = "http://a/patroni" };

        Assert.Equal(members, FailsafeJson.Parse(FailsafeJson.Serialize(members)));
    }

    [Fact]
    public void The_fence_deadline_follows_the_last_accepted_failsafe_round_after_a_refresh_without_answer()
    {
        AgentMemory memory = Memory.LeaderRefreshed(20) with { LeaderKeyInDoubt = true, FailsafeConfirmedAt = Clock.SecondsAgo(2) };

        DateTimeOffset deadline = FenceDeadline.Compute(memory, s_on, null, Clock.T0);

        Assert.Equal(Clock.SecondsAgo(2) + s_on.Ttl - s_on.DemoteMargin, deadline);
    }

    [Fact]
    public void A_refresh_without_answer_keeps_the_fence_deadline_of_the_last_refresh()
    {
        AgentMemory memory = Memory.LeaderRefreshed(2) with { LeaderKeyInDoubt = true };

        Assert.Equal(Clock.SecondsAgo(2) + s_on.Ttl - s_on.DemoteMargin, FenceDeadline.Compute(memory, Settings.For("n1"), null, Clock.T0));
    }

    [Fact]
    public void Without_failsafe_mode_a_refused_refresh_ends_the_fence_deadline()
    {
        AgentMemory memory = Memory.LeaderRefreshed(2) with { HoldsLeaderKey = false, LockRefreshFailed = true, FailsafeConfirmedAt = Clock.SecondsAgo(1) };

        Assert.Equal(FenceDeadline.None, FenceDeadline.Compute(memory, Settings.For("n1"), null, Clock.T0));
    }
}

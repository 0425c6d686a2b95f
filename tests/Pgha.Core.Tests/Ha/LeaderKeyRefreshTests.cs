using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

public sealed class LeaderKeyRefreshTests
{
    private static readonly HaSettings s_tutorial = Settings.For("n1") with { LoopWait = TimeSpan.FromSeconds(10), Ttl = TimeSpan.FromSeconds(30) };

    public static TheoryData<string, AgentMemory, bool> Rows => new()
    {
        { "a cycle on schedule renews", Memory.LeaderRefreshed(10), true },
        { "a cycle a little early on schedule renews", Memory.LeaderRefreshed(7.6), true },
        { "a cycle an event woke soon after the renewal does not", Memory.LeaderRefreshed(2), false },
        { "nor one woken just before three quarters of loop_wait", Memory.LeaderRefreshed(7.4), false },
        { "a renewal that got no answer is retried at once", Memory.LeaderRefreshed(1) with { LeaderKeyInDoubt = true }, true },
        { "a failed renewal is retried at once", Memory.LeaderRefreshed(1) with { LockRefreshFailed = true }, true },
        { "a node that holds no key asks etcd", Memory.Fresh, true },
        { "a key holder without a renewal time renews", Memory.Fresh with { HoldsLeaderKey = true }, true },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_leader_renews_its_key_once_per_loop_wait_not_in_every_cycle(string row, AgentMemory memory, bool due)
    {
        Assert.True(due == LeaderKeyRefresh.IsDue(memory, s_tutorial, Clock.T0), row);
    }

    [Fact]
    public void A_leader_woken_early_waits_from_its_last_renewal_so_renewals_stay_loop_wait_apart()
    {
        AgentMemory memory = Memory.LeaderRefreshed(4);

        Assert.Equal(Clock.SecondsAgo(4), LeaderKeyRefresh.WaitFrom(memory, Clock.T0));
        Assert.Equal(Clock.T0, LeaderKeyRefresh.WaitFrom(Memory.Fresh, Clock.T0));
    }
}

using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class MemberLeaseRenewalTests
{
    private static bool IsDue(double since, int ttl, int loopWait, int retryTimeout) => MemberLeaseRenewal.IsDue(
        TimeSpan.FromSeconds(since), TimeSpan.FromSeconds(ttl), TimeSpan.FromSeconds(loopWait), TimeSpan.FromSeconds(retryTimeout));

    [Theory]
    [InlineData(10.0, false)] // next cycle at 20 s leaves 10 s: skip
    [InlineData(10.3, false)] // a late cycle skips too
    [InlineData(15.0, true)] // half the ttl gone
    [InlineData(20.0, true)]
    public void At_the_tutorial_settings_a_replica_renews_every_second_cycle(double since, bool due) =>
        Assert.Equal(due, IsDue(since, ttl: 30, loopWait: 10, retryTimeout: 10));

    [Theory]
    [InlineData(1.0, false)]
    [InlineData(2.0, false)]
    [InlineData(3.0, true)] // half the ttl gone; 3 s left, more than retry_timeout
    public void At_the_fast_settings_a_replica_renews_every_third_cycle(double since, bool due) =>
        Assert.Equal(due, IsDue(since, ttl: 6, loopWait: 1, retryTimeout: 2));

    [Fact]
    public void A_loop_wait_close_to_half_the_ttl_renews_every_cycle_so_the_next_attempt_is_not_too_late() =>
        Assert.True(IsDue(14, ttl: 30, loopWait: 14, retryTimeout: 8)); // the next cycle would find 2 s left

    [Fact]
    public void A_loop_wait_of_half_the_ttl_or_more_renews_every_cycle() =>
        Assert.True(IsDue(15, ttl: 30, loopWait: 15, retryTimeout: 5));

    [Fact]
    public void A_renewal_just_made_is_not_repeated() => Assert.False(IsDue(0, ttl: 30, loopWait: 10, retryTimeout: 10));
}

using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

public sealed class FenceDeadlineTests
{
    private static readonly HaSettings s_fast = Settings.For("n1") with { Ttl = TimeSpan.FromSeconds(6) };

    [Fact]
    public void A_key_holder_may_run_as_primary_until_ttl_minus_the_margin_after_its_last_refresh()
    {
        AgentMemory memory = Memory.LeaderRefreshed(2);

        Assert.Equal(Clock.SecondsAgo(2) + s_fast.Ttl - s_fast.DemoteMargin, FenceDeadline.Compute(memory, s_fast, null, Clock.T0));
    }

    [Fact]
    public void A_bootstrap_gets_minutes_so_that_a_stalled_cycle_does_not_kill_it()
    {
        AgentMemory memory = new() { Bootstrapping = true };

        DateTimeOffset deadline = FenceDeadline.Compute(memory, s_fast, null, Clock.T0);

        Assert.Equal(Clock.T0 + TimeSpan.FromMinutes(2), deadline);
    }

    [Fact]
    public void A_node_without_the_key_and_without_a_bootstrap_may_not_run_as_primary()
    {
        Assert.Equal(FenceDeadline.None, FenceDeadline.Compute(new AgentMemory(), s_fast, null, Clock.T0));
    }
}

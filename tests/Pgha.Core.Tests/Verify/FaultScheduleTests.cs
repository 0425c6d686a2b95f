using Pgha.Core.Verify;

namespace Pgha.Core.Tests.Verify;

public sealed class FaultScheduleTests
{
    private static readonly TimeSpan s_every = TimeSpan.FromSeconds(20), s_hold = TimeSpan.FromSeconds(8);

    [Fact]
    public void Listed_faults_take_turns_one_per_interval_while_the_hold_fits_before_the_end()
    {
        IReadOnlyList<PlannedFault> plan = FaultSchedule.Plan(["kill-leader", "switchover"], s_every, s_hold, TimeSpan.FromSeconds(70), seed: null);
        Assert.Equal([(20, "kill-leader"), (40, "switchover"), (60, "kill-leader")], plan.Select(p => ((int)p.At.TotalSeconds, p.Name)));
        Assert.Equal(2, FaultSchedule.Plan(["x"], s_every, s_hold, TimeSpan.FromSeconds(68), seed: null).Count);
    }

    [Fact]
    public void The_same_seed_gives_the_same_random_schedule_within_each_slot()
    {
        string[] faults = ["kill-leader", "switchover", "stop-etcd-minority"];
        IReadOnlyList<PlannedFault> a = FaultSchedule.Plan(faults, s_every, s_hold, TimeSpan.FromSeconds(300), seed: 42);
        Assert.Equal(a, FaultSchedule.Plan(faults, s_every, s_hold, TimeSpan.FromSeconds(300), seed: 42));
        Assert.All(a.Select((p, i) => (p, slot: i + 1)), x => Assert.InRange(x.p.At, s_every * x.slot - s_every / 4, s_every * x.slot + s_every / 4));
    }

    [Fact]
    public void No_faults_or_no_interval_means_no_schedule()
    {
        Assert.Empty(FaultSchedule.Plan([], s_every, s_hold, TimeSpan.FromSeconds(60), null));
        Assert.Empty(FaultSchedule.Plan(["x"], TimeSpan.Zero, s_hold, TimeSpan.FromSeconds(60), null));
    }
}

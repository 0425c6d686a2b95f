using Pgha.Core.Api;
using static Pgha.Core.Tests.Api.Snapshots;

namespace Pgha.Core.Tests.Api;

/// <summary>Liveness: the next cycle (taken + loop_wait, 10 s) plus ttl (30 s) on a running primary, 2×ttl elsewhere.</summary>
public sealed class LivenessTests
{
    public static TheoryData<string, int, bool, int> Rows => new()
    {
        { "primary", 2, false, 200 },
        { "primary", 39, false, 200 },
        { "primary", 41, false, 503 },
        { "primary", 41, true, 200 },
        { "replica", 41, false, 200 },
        { "replica", 69, false, 200 },
        { "replica", 71, false, 503 },
        { "replica", 600, true, 200 },
        { "stopped primary", 41, false, 200 },
        { "stopped primary", 71, false, 503 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Liveness_depends_on_how_long_ago_the_last_cycle_ran(string node, int secondsAgo, bool paused, int expected)
    {
        AgentSnapshot snapshot = node switch
        {
            "primary" => Leader(),
            "replica" => Replica(),
            _ => Stopped(Leader()),
        };
        snapshot = snapshot with { TakenAt = Now.AddSeconds(-secondsAgo), Paused = paused };

        Assert.Equal(expected, EndpointStatus.ForPath("/liveness", snapshot, Now, HealthQuery.None));
    }
}

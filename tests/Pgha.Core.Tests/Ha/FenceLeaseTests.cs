using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

public sealed class FenceLeaseTests
{
    private const long Lease = 7587873411138405123;

    public static TheoryData<string, AgentMemory, bool, long> Rows => new()
    {
        { "a leader names its lease", Memory.LeaderRefreshed(1), false, Lease },
        { "a replica names none", Memory.Fresh, false, 0 },
        { "a leader in maintenance mode names none", Memory.LeaderRefreshed(1), true, 0 },
        { "a node that stepped down names none", Memory.LeaderRefreshed(1).SteppedDown(), false, 0 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Only_a_leader_outside_maintenance_mode_names_a_lease_for_its_fence_to_release(string row, AgentMemory memory, bool paused, long expected)
    {
        FenceLease lease = FenceLease.For(memory, Settings.For("n1", paused: paused), Lease, 4242);

        Assert.True(expected == lease.LeaseId, row);
        Assert.Equal(4242, lease.AgentPid);
    }

    [Fact]
    public void The_fence_reads_back_what_the_agent_wrote()
    {
        var written = new FenceLease(Lease, 4242);

        Assert.Equal("lease=7587873411138405123 agent=4242", written.Format());
        Assert.Equal(written, FenceLease.Parse(written.Format() + "\n"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1700000000000")]
    [InlineData("lease=12")]
    [InlineData("lease=12 agent=0")]
    [InlineData("lease=-12 agent=5")]
    [InlineData("lease=12 agent=5 extra=1")]
    [InlineData("agent=5 lease=12")]
    public void A_file_in_any_other_form_releases_nothing(string text)
    {
        Assert.Null(FenceLease.Parse(text));
    }
}

using Pgha.Core.Cluster;
using Pgha.Core.Ha;
using Probed = Pgha.Core.Tests.Ha.Postgres;

namespace Pgha.Core.Tests.Dcs;

/// <summary>The state strings a member publishes and shows, as Patroni 3.0.4+ splits them.</summary>
public sealed class MemberStatusTests
{
    public static TheoryData<string, LocalPostgres, string, string?> Published => new()
    {
        { "primary", Probed.RunningPrimary(), "running", null },
        { "streaming replica", Probed.RunningReplica() with { IsStreaming = true }, "running", "streaming" },
        { "replica not streaming", Probed.RunningReplica(), "running", null },
        { "starting replica", Probed.Starting() with { IsStreaming = true }, "starting", null },
        { "stopped replica", Probed.Stopped(inRecovery: true), "stopped", null },
    };

    [Theory]
    [MemberData(nameof(Published))]
    public void A_running_server_says_running_and_a_streaming_replica_adds_its_replication_state(
        string why, LocalPostgres postgres, string state, string? replicationState)
    {
        Assert.Equal(state, MemberStatus.State(postgres, longAction: null, crashed: false));
        Assert.True(replicationState == MemberStatus.ReplicationState(postgres, longAction: null), why);
    }

    [Fact]
    public void A_long_action_names_the_state_without_a_replication_state()
    {
        var rewind = new LongActionStatus(LongActionNames.Rewind, Running: true, Failed: false, Error: null);
        LocalPostgres streaming = Probed.RunningReplica() with { IsStreaming = true };

        Assert.Equal("running pg_rewind", MemberStatus.State(streaming, rewind, crashed: false));
        Assert.Null(MemberStatus.ReplicationState(streaming, rewind));
    }

    [Theory]
    [InlineData("running", "streaming", false, "streaming")]
    [InlineData("running", "streaming", true, "running")]
    [InlineData("running", null, false, "running")]
    [InlineData("streaming", null, false, "streaming")] // written by an earlier pgha, before replication_state
    public void Listings_show_a_replica_s_replication_state_and_the_leader_s_state(string state, string? replicationState, bool leader, string shown) =>
        Assert.Equal(shown, new Member { Name = "n2", State = state, ReplicationState = replicationState }.ShownState(leader));
}

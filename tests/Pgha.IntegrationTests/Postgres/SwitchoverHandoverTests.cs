using System.Text.RegularExpressions;
using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Postgres;
using Pgha.Processes;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

/// <summary>
/// A switchover's hand-over on 127.0.56.1-3: the old primary gives the key up once its streaming standby (with a named
/// candidate: the candidate's) holds the shutdown checkpoint, before the postmaster exits; the candidate promotes without asking for its replay timeline;
/// the old primary then follows the new timeline as it is. The archiver runs a slow command so that the old
/// postmaster, which waits for it, stays alive well after its walsenders have exited.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed partial class SwitchoverHandoverTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(
        new DynamicConfig
        {
            Parameters = new Dictionary<string, string>
            {
                ["log_replication_commands"] = "on",
                ["archive_mode"] = "on",
                ["archive_command"] = "sleep 4",
            },
        },
        network: "127.0.56");
    private PostgresTestNode _n1 = null!;
    private PostgresTestNode _n2 = null!;

    public async Task InitializeAsync() => (_n1, _n2) = await _cluster.PrimaryWithStreamingReplicaAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task The_old_primary_hands_over_once_its_standby_holds_the_shutdown_checkpoint_before_its_postmaster_exits()
    {
        HandOver handOver = await SwitchOverAsync();
        ControlData stopped = await _n1.Instance.ReadControlDataAsync(CancellationToken.None);

        Assert.Equal(1, handOver.Calls);
        Assert.True(handOver.PostmasterAlive, "the postmaster, waiting for its archiver, should still have run at the hand-over");
        Assert.Equal("shut down", stopped.ClusterState);
        Assert.True(handOver.StandbyReceived > stopped.CheckpointLocation,
            $"n2 had received {Lsn.Format(handOver.StandbyReceived)}, not past the shutdown checkpoint at {Lsn.Format(stopped.CheckpointLocation)}");
    }

    [Fact]
    public async Task A_switchover_to_a_named_candidate_hands_over_without_waiting_for_a_stalled_other_standby()
    {
        PostgresTestNode n3 = await _cluster.NodeAsync(3);
        await _n1.ExecuteAsync($"SELECT pg_create_physical_replication_slot('{SlotName.ForMember(n3.Name)}', true)");
        await n3.Provisioning.CloneAsync(_n1.AsUpstream, CancellationToken.None);
        await n3.Control.StartAsync(StartRole.Replica, _n1.AsUpstream, CancellationToken.None);
        await PostgresTestCluster.WaitUntilAsync(async () => (await n3.Probe.ProbeAsync(CancellationToken.None)).IsStreaming, "n3 streams from n1");
        int primary = PostmasterProcess.AlivePid(_n1.Instance.DataDir)!.Value;
        await PostgresTestCluster.WaitUntilAsync(() => Task.FromResult(PostmasterProcess.ChildrenOfKind(primary, "walsender").Count == 2), "n1 has two walsenders");
        // n3 stops confirming anything: its walsender on n1 cannot finish, and neither can n1's postmaster.
        int stalled = PostmasterProcess.ChildrenOfKind(PostmasterProcess.AlivePid(n3.Instance.DataDir)!.Value, "walreceiver").Single();
        Signals.Send(stalled, Signals.SigStop);
        int walsendersAtHandOver = -1;
        long candidateReceived = 0;

        try
        {
            await _n1.Control.StopAndHandOverAsync(_n2.Name, async ct =>
            {
                walsendersAtHandOver = PostmasterProcess.ChildrenOfKind(primary, "walsender").Count;
                candidateReceived = Lsn.Parse((string)(await _n2.ScalarAsync("SELECT pg_last_wal_receive_lsn()::text"))!);
                Signals.Send(stalled, Signals.SigCont);
            }, CancellationToken.None);
        }
        finally
        {
            Signals.Send(stalled, Signals.SigCont);
        }

        ControlData stopped = await _n1.Instance.ReadControlDataAsync(CancellationToken.None);
        Assert.Equal(1, walsendersAtHandOver);
        Assert.True(candidateReceived > stopped.CheckpointLocation,
            $"n2 had received {Lsn.Format(candidateReceived)}, not past the shutdown checkpoint at {Lsn.Format(stopped.CheckpointLocation)}");
        await PostgresTestCluster.WaitUntilAsync(async () => Lsn.Parse((string)(await n3.ScalarAsync("SELECT pg_last_wal_receive_lsn()::text"))!) > stopped.CheckpointLocation,
            "n3 to receive the rest once it confirms again");
    }

    [Fact]
    public async Task A_replica_in_a_leader_race_learns_its_timeline_without_a_replication_login()
    {
        await SwitchOverAsync();
        int asked = IdentifySystem().Count(await File.ReadAllTextAsync(_n2.Instance.LogFile));

        LocalPostgres racing = await _n2.Probe.ProbeAsync(ReplayTimelineDetail.LastKnown, CancellationToken.None);

        Assert.True(racing.IsRunningReplica);
        Assert.False(racing.IsStreaming);
        Assert.Equal(1, racing.Timeline);
        Assert.Equal(asked, IdentifySystem().Count(await File.ReadAllTextAsync(_n2.Instance.LogFile)));
    }

    [Fact]
    public async Task The_promotion_reports_where_it_left_the_old_timeline_and_the_old_primary_follows_without_a_rewind()
    {
        await SwitchOverAsync();
        ControlData stopped = await _n1.Instance.ReadControlDataAsync(CancellationToken.None);

        TimelineSwitch? left = await _n2.Control.PromoteAsync([SlotName.ForMember("n1")], CancellationToken.None);

        Assert.NotNull(left);
        Assert.Equal(1, left.LeftTimeline);
        Assert.True(left.SwitchLsn > stopped.CheckpointLocation);
        await _n1.Control.StartAsync(StartRole.Replica, _n2.AsUpstream, CancellationToken.None);
        await PostgresTestCluster.WaitUntilAsync(async () => await _n1.Probe.ProbeAsync(CancellationToken.None) is { IsStreaming: true, Timeline: 2 },
            "n1 streams timeline 2 from n2");
    }

    [Fact]
    public void The_processes_a_switchover_watches_and_wakes_are_found_by_their_titles()
    {
        int primary = PostmasterProcess.AlivePid(_n1.Instance.DataDir)!.Value;
        int standby = PostmasterProcess.AlivePid(_n2.Instance.DataDir)!.Value;

        Assert.Single(PostmasterProcess.ChildrenOfKind(primary, "walsender"));
        Assert.Single(PostmasterProcess.ChildrenOfKind(standby, "startup"));
        Assert.Empty(PostmasterProcess.ChildrenOfKind(primary, "startup"));
    }

    private async Task<HandOver> SwitchOverAsync()
    {
        // Two finished segments for the archiver: its slow command keeps the postmaster, which waits for it, alive
        // for seconds after the shutdown checkpoint.
        await _n1.ExecuteAsync("CREATE TABLE IF NOT EXISTS handover (id int); INSERT INTO handover VALUES (1)");
        await _n1.ExecuteAsync("SELECT pg_switch_wal()");
        await _n1.ExecuteAsync("INSERT INTO handover VALUES (2)");
        await _n1.ExecuteAsync("SELECT pg_switch_wal()");
        var handOver = new HandOver();
        await _n1.Control.StopAndHandOverAsync(null, async ct =>
        {
            handOver.PostmasterAlive = PostmasterProcess.AlivePid(_n1.Instance.DataDir) is not null;
            handOver.StandbyReceived = Lsn.Parse((string)(await _n2.ScalarAsync("SELECT pg_last_wal_receive_lsn()::text"))!);
            handOver.Calls++;
        }, CancellationToken.None);
        return handOver;
    }

    private sealed class HandOver
    {
        public int Calls { get; set; }
        public bool PostmasterAlive { get; set; }
        public long StandbyReceived { get; set; }
    }

    [GeneratedRegex("received replication command: IDENTIFY_SYSTEM")]
    private static partial Regex IdentifySystem();
}

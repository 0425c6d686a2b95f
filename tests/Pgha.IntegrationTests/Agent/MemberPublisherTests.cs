using System.Text.Json;
using Pgha.Agent;
using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Core.Ha;

namespace Pgha.IntegrationTests.Agent;

/// <summary>
/// What the REST API and the member key say around a demotion, read the way the peers read them in a leader race
/// (<see cref="PeerProbe"/>): the observation a cycle started with is stale once the demotion stopped PostgreSQL.
/// </summary>
public sealed class MemberPublisherTests
{
    private static readonly LocalPostgres s_primary = new()
    {
        RunState = PostgresRunState.Running,
        Timeline = 3,
        WalPosition = 5000,
        SystemIdentifier = "7000000000000000001",
        ServerVersion = 150004,
    };

    [Fact]
    public async Task After_a_demotion_stopped_PostgreSQL_the_peers_no_longer_see_a_live_primary()
    {
        var lease = new RecordingLease();
        MemberPublisher publisher = Publisher(lease);
        HaInput cycle = Cycle(s_primary);
        await publisher.PublishAsync(cycle, cycle.Memory, null, CancellationToken.None);
        Assert.False(PeerView(publisher).InRecovery);

        publisher.ShowStopped();

        PeerReport seen = PeerView(publisher);
        Assert.False(seen.Reachable);
        Assert.Equal("stopped", publisher.Current!.State);
        // The cycle's own publish, still holding the running primary it observed, must not undo that.
        await publisher.PublishAsync(cycle, cycle.Memory, null, CancellationToken.None);
        Assert.False(PeerView(publisher).Reachable);
        Member published = MemberJson.Parse("n1", lease.Published[^1]);
        Assert.Equal("stopped", published.State);
        Assert.Equal(MemberRole.Replica, published.Role);
        Assert.Null(published.XlogLocation);
        // The cycle after looks again: what it sees is published as usual.
        HaInput next = Cycle(s_primary with { InRecovery = true });
        await publisher.PublishAsync(next, next.Memory, null, CancellationToken.None);
        Assert.True(PeerView(publisher).Reachable);
        Assert.True(PeerView(publisher).InRecovery);
    }

    [Fact]
    public async Task A_member_that_cannot_write_its_WAL_tells_its_peers_it_cannot_lead()
    {
        MemberPublisher publisher = Publisher(new RecordingLease());
        LocalPostgres broken = s_primary with
        {
            InRecovery = true,
            WalWrite = WalWriteCheck.Failed,
            WalWriteError = "ERROR 42501: could not open file: Permission denied",
        };
        HaInput cycle = Cycle(broken);

        await publisher.PublishAsync(cycle, cycle.Memory, null, CancellationToken.None);

        string body = PatroniStatusJson.Build(publisher.Current!, DateTimeOffset.UtcNow);
        using JsonDocument json = JsonDocument.Parse(body);
        Assert.Equal("ERROR 42501: could not open file: Permission denied", json.RootElement.GetProperty(PatroniStatusJson.WalWriteErrorField).GetString());
        PeerReport seen = PeerProbe.Parse("n1", json.RootElement);
        Assert.True(seen.Reachable);
        Assert.True(seen.NoFailover);
    }

    private static MemberPublisher Publisher(RecordingLease lease) =>
        new(lease, MinimalAgentConfig.Settings("publisher", "n1"), TimeProvider.System);

    private static HaInput Cycle(LocalPostgres postgres)
    {
        HaSettings settings = MinimalAgentConfig.Settings("publisher", "n1").Ha;
        return new HaInput
        {
            Cluster = new ClusterView { Members = [new Member { Name = "n1", State = "running", Role = MemberRole.Primary }] },
            Postgres = postgres,
            Memory = AgentMemory.Initial with { PostgresWasRunning = true },
            Settings = settings,
            Now = DateTimeOffset.UtcNow,
        };
    }

    private static PeerReport PeerView(MemberPublisher publisher)
    {
        using JsonDocument json = JsonDocument.Parse(PatroniStatusJson.Build(publisher.Current!, DateTimeOffset.UtcNow));
        return PeerProbe.Parse("n1", json.RootElement);
    }

    private sealed class RecordingLease : ILeaderLease
    {
        public List<string> Published { get; } = [];

        public Task<bool> TryAcquireAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> RefreshAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task ReleaseAsync(CancellationToken ct) => throw new NotSupportedException();

        public Task PublishMemberAsync(string memberJson, bool keyMissing, CancellationToken ct)
        {
            Published.Add(memberJson);
            return Task.CompletedTask;
        }
    }
}

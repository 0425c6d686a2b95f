using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Pgha.Agent;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.IntegrationTests.Agent;

/// <summary>
/// When a look at a leaderless cluster asks the other members' REST APIs: the peers' answers come from a handler that
/// counts the requests, etcd's view and the local server's state from fixed answers.
/// </summary>
public sealed class HaObserverTests
{
    [Fact]
    public async Task A_running_node_in_a_leader_race_asks_its_peers()
    {
        var peers = new CountingPeers();

        HaInput input = await Observer(peers).ObserveAsync(AgentMemory.Initial, CancellationToken.None);

        Assert.Equal(1, peers.Requests);
        Assert.Equal("n2", Assert.Single(input.Peers).Name);
    }

    [Fact]
    public async Task The_node_that_bootstrapped_takes_the_key_it_initialized_without_asking_its_peers()
    {
        var peers = new CountingPeers();

        HaInput input = await Observer(peers).ObserveAsync(AgentMemory.Initial with { Bootstrapping = true }, CancellationToken.None);

        Assert.Equal(0, peers.Requests);
        Assert.Empty(input.Peers);
        Assert.True(input.Postgres.IsRunningPrimary);
    }

    private static HaObserver Observer(CountingPeers peers) =>
        new(new LeaderlessStore(), new RunningPrimary(), new PeerProbe(new HttpClient(peers)), MinimalAgentConfig.Settings("observer", "n1"),
            new LongActionRunner(), TimeProvider.System, NullLogger<HaObserver>.Instance);

    private sealed class CountingPeers : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            const string Body = """{"state":"running","role":"replica","timeline":1,"xlog":{"received_location":100,"replayed_location":100}}""";
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(Body, Encoding.UTF8, "application/json") });
        }
    }

    /// <summary>The initialize key holds a system identifier, nobody holds the leader key; n2 publishes its REST API.</summary>
    private sealed class LeaderlessStore : IClusterStore
    {
        public Task<ClusterView> ReadAsync(CancellationToken ct) => Task.FromResult(new ClusterView
        {
            Initialize = "7000000000000000001",
            Members =
            [
                new Member { Name = "n1", ApiUrl = "http://127.0.0.1:9/patroni", State = "running", Role = MemberRole.Primary },
                new Member { Name = "n2", ApiUrl = "http://127.0.0.2:9/patroni", State = "running", Role = MemberRole.Replica },
            ],
        });

        public Task<bool> CreateIfAbsentAsync(string key, string value, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> PutAsync(string key, string value, long? expectedModRevision, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> DeleteAsync(string key, long? expectedModRevision, CancellationToken ct) => throw new NotSupportedException();

        public async IAsyncEnumerable<DcsChange> WatchAsync(long afterRevision, [EnumeratorCancellation] CancellationToken ct)
        {
            await Task.CompletedTask;
            yield break;
        }
    }

    private sealed class RunningPrimary : IPostgresProbe
    {
        public Task<LocalPostgres> ProbeAsync(ReplayTimelineDetail detail, CancellationToken ct) =>
            Task.FromResult(new LocalPostgres { RunState = PostgresRunState.Running, Timeline = 1, SystemIdentifier = "7000000000000000001" });
    }
}

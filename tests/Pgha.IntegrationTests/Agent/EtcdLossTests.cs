using System.Globalization;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>A leader that cannot reach etcd demotes itself before its leader key's TTL can run out.</summary>
public sealed class EtcdLossTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("etcdloss", ["127.0.73.1", "127.0.73.2", "127.0.73.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_leader_cut_off_from_etcd_stops_taking_writes_before_its_ttl_runs_out()
    {
        string leader = await _cluster.WaitHealthyAsync();
        for (int i = 0; i < _cluster.Etcd.Count; i++)
        {
            await _cluster.Etcd.KillMemberAsync(i);
        }
        await Wait.UntilAsync(async () => !await _cluster.IsWritablePrimaryAsync(leader), TimeSpan.FromSeconds(60), "the leader to stop taking writes");

        // The agent's own log gives the last cycle that refreshed the key; the agent's demotion (or, as a backstop,
        // the fence's stop) must come after it and before the key's ttl could run out.
        string[] lines = _cluster.Log(leader).Split('\n');
        DateTime lastRefresh = lines.Where(l => l.Contains("the leader with the lock", StringComparison.Ordinal)).Select(Stamp).Last();
        IEnumerable<string> fence = File.Exists(_cluster.FenceLog(leader)) ? File.ReadLines(_cluster.FenceLog(leader)) : [];
        DateTime stopped = lines.Where(l => l.Contains("demoting", StringComparison.Ordinal))
            .Concat(fence.Where(l => l.Contains("fencing: stopping the primary", StringComparison.Ordinal)))
            .Select(Stamp).Where(t => t >= lastRefresh).Min();
        // Whichever came first, the agent's demotion or the fence's stop, it must come before the ttl runs out.
        Assert.True(stopped - lastRefresh < TimeSpan.FromSeconds(6), $"stopped {(stopped - lastRefresh).TotalSeconds}s after the last refresh; ttl is 6s");
    }

    private static DateTime Stamp(string line) =>
        DateTime.ParseExact(line[..23], "yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
}

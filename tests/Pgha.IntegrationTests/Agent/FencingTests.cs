using System.Globalization;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>The leader's agent dies (kill -9) while its PostgreSQL lives: the fence stops that primary before a replica promotes.</summary>
public sealed class FencingTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("fencing", ["127.0.74.1", "127.0.74.2", "127.0.74.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_primary_whose_agent_was_killed_stops_taking_writes_before_a_replica_is_promoted()
    {
        string leader = await _cluster.WaitHealthyAsync();
        int postmaster = _cluster.PostmasterPid(leader)!.Value;

        await _cluster.KillAgentAsync(leader);

        string next = await _cluster.WaitHealthyAsync(replicas: 1, notLeader: leader);
        Assert.False(await _cluster.IsWritablePrimaryAsync(leader));
        Assert.False(System.IO.File.Exists($"/proc/{postmaster}/stat") && !File.ReadAllText($"/proc/{postmaster}/stat").Contains(") Z", StringComparison.Ordinal));

        DateTime fenced = Stamp(File.ReadLines(_cluster.FenceLog(leader)).First(l => l.Contains("fencing: stopping the primary", StringComparison.Ordinal)));
        DateTime promoted = Stamp(_cluster.Log(next).Split('\n').First(l => l.Contains("promoted self to leader", StringComparison.Ordinal)));
        Assert.True(fenced < promoted, $"the old primary was fenced at {fenced:HH:mm:ss.fff}, after {next} promoted at {promoted:HH:mm:ss.fff}");
    }

    private static DateTime Stamp(string line) =>
        DateTime.ParseExact(line[..23], "yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
}

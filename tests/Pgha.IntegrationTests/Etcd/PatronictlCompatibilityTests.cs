using System.Text.Json;
using Pgha.Core.Cluster;
using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Etcd;

/// <summary>The real patronictl (Patroni 3.0.2, reading etcd3 through the gateway) understands keys our codec wrote.</summary>
public sealed class PatronictlCompatibilityTests() : EtcdTestCluster(31)
{
    private const string Patronictl = "/usr/bin/patronictl";

    [Fact]
    public async Task Patronictl_list_shows_our_members_as_leader_and_replica()
    {
        Assert.True(File.Exists(Patronictl), $"{Patronictl} is not installed; apt-get install patroni");
        string scope = Prefix.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];
        EtcdClusterStore store = Store();
        await FakeCluster.WriteAsync(store,
            FakeCluster.Member("n1", MemberRole.Primary, "running"),
            FakeCluster.Member("n2", MemberRole.Replica, "running") with { ReplicationState = "streaming" });
        using var paths = new TestPaths("patronictl");
        string config = paths.Sub("patronictl.yaml");
        await File.WriteAllTextAsync(config,
            $"scope: {scope}\nnamespace: /service/\netcd3:\n  hosts: {string.Join(',', Etcd.ClientUrls.Select(u => u["http://".Length..]))}\n");

        string json = await RunAsync(Patronictl, ["-c", config, "list", "-f", "json"]);

        using JsonDocument rows = JsonDocument.Parse(json);
        var byMember = rows.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("Member").GetString()!);
        Assert.Equal(["n1", "n2"], byMember.Keys.Order());
        Assert.Equal("Leader", byMember["n1"].GetProperty("Role").GetString());
        Assert.Equal("Replica", byMember["n2"].GetProperty("Role").GetString());
        Assert.Equal("running", byMember["n1"].GetProperty("State").GetString());
        // Patroni 3.0.2 knows no replication_state: it shows the state, as it would for its own replicas.
        Assert.Equal("running", byMember["n2"].GetProperty("State").GetString());
        Assert.Equal("127.0.61.202", byMember["n2"].GetProperty("Host").GetString());
        Assert.Equal(2, byMember["n1"].GetProperty("TL").GetInt32());
        Assert.Equal(scope, byMember["n1"].GetProperty("Cluster").GetString());
    }

    private static async Task<string> RunAsync(string file, string[] args)
    {
        await using var guard = new ProcessGuard();
        (int exitCode, string stdout, string stderr) = await guard.RunAsync(file, args, Patience);
        Assert.True(exitCode == 0, $"patronictl exited with {exitCode}: {stderr}");
        return stdout;
    }
}

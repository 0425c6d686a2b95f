using System.Globalization;
using System.Text.Json;

namespace Pgha.FaultTests;

/// <summary>Which node's etcd member leads the raft group, and moving that leadership, asked with etcdctl from the client namespace.</summary>
public static class EtcdLeadership
{
    /// <summary>
    /// The node whose member is the raft leader, and each asked node's member id (hex, as move-leader takes it).
    /// Only <paramref name="nodes"/> (default: all) are asked: etcdctl fails as a whole when one endpoint is unreachable.
    /// </summary>
    public static async Task<(string Leader, IReadOnlyDictionary<string, string> Ids)> ReadAsync(FaultCluster cluster, IEnumerable<string>? nodes = null)
    {
        string endpoints = string.Join(',', (nodes ?? FaultCluster.Nodes).Select(n => $"http://{cluster.Lab.Address(n)}:2379"));
        (int exitCode, string stdout, string stderr) = await cluster.Lab.RunAsync(FaultCluster.Client, "etcdctl",
            ["--endpoints", endpoints, "--command-timeout=3s", "endpoint", "status", "-w", "json"]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl endpoint status failed: {stderr.Trim()}");
        }
        var ids = new Dictionary<string, string>();
        string? leader = null;
        foreach (JsonElement status in JsonDocument.Parse(stdout).RootElement.EnumerateArray())
        {
            string node = FaultCluster.Nodes.Single(n => status.GetProperty("Endpoint").GetString()!.Contains($"//{cluster.Lab.Address(n)}:", StringComparison.Ordinal));
            ulong id = status.GetProperty("Status").GetProperty("header").GetProperty("member_id").GetUInt64();
            ids[node] = id.ToString("x", CultureInfo.InvariantCulture);
            if (status.GetProperty("Status").GetProperty("leader").GetUInt64() == id)
            {
                leader = node;
            }
        }
        return (leader ?? throw new InvalidOperationException("no etcd member reports itself as raft leader"), ids);
    }

    /// <summary>Hands raft leadership to <paramref name="target"/>'s member (etcdctl move-leader, sent to the current leader).</summary>
    public static async Task MoveAsync(FaultCluster cluster, string from, string target, IReadOnlyDictionary<string, string> ids)
    {
        (int exitCode, string _, string stderr) = await cluster.Lab.RunAsync(FaultCluster.Client, "etcdctl",
            ["--endpoints", $"http://{cluster.Lab.Address(from)}:2379", "--command-timeout=5s", "move-leader", ids[target]]);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"etcdctl move-leader {ids[target]} failed: {stderr.Trim()}");
        }
    }

    /// <summary>
    /// A replica of <paramref name="leader"/> whose etcd member is not the raft leader, so cutting it off costs etcd no
    /// election (an election, even a planned move-leader, can outlast the fast profile's retry_timeout).
    /// </summary>
    public static async Task<string> FollowerReplicaAsync(FaultCluster cluster, string leader)
    {
        (string raftLeader, IReadOnlyDictionary<string, string> _) = await ReadAsync(cluster);
        return cluster.Others(leader).First(n => n != raftLeader);
    }

    /// <summary>Moves raft leadership to <paramref name="target"/>'s member unless it is there already, and waits until it is.</summary>
    public static async Task MoveToAsync(FaultCluster cluster, string target)
    {
        (string leader, IReadOnlyDictionary<string, string> ids) = await ReadAsync(cluster);
        if (leader != target)
        {
            await MoveAsync(cluster, leader, target, ids);
            await Pgha.Testing.Wait.UntilAsync(async () => (await ReadAsync(cluster)).Leader == target, TimeSpan.FromSeconds(60), $"etcd raft leadership on {target}");
        }
    }
}

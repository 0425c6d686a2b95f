namespace Pgha.FaultTests;

public sealed class LeaderEtcdCutTests
{
    /// <summary>
    /// Fault: inside the leader's namespace, nft drops its traffic with the other nodes on etcd's ports (2379 clients,
    /// 2380 peers): its own etcd member loses quorum and the other members are out of reach, while PostgreSQL
    /// clients and replication still reach it. Proves: the leader demotes itself, another node becomes leader, the
    /// writer never sees two writable primaries and loses nothing; once healed the old leader is a streaming replica.
    /// </summary>
    [NetnsFact]
    public async Task The_leader_cut_off_from_etcd_demotes_and_another_node_takes_over_without_losing_writes()
    {
        await using FaultCluster cluster = await FaultCluster.StartAsync("fault-cut-etcd");
        string leader = await cluster.WaitHealthyAsync(via: "n1");
        string via = cluster.Others(leader).First();
        await using IWriteChecker writer = new PsqlWriteChecker(cluster);
        await writer.StartAsync();
        await writer.WaitForMoreAsync(20);

        await cluster.Lab.CutFromAsync(leader, cluster.Others(leader).ToList(), [2379, 2380]);
        string next = await cluster.WaitHealthyAsync(via, replicas: 1, notLeader: leader);
        Assert.False(await cluster.IsWritableAsync(leader));
        await writer.WaitForMoreAsync(5);

        await cluster.Lab.HealAsync(leader);
        await cluster.WaitForAsync(via, r => r.Any(m => m.Member == next && m.IsRunningLeader) && r.Any(m => m.Member == leader && m.IsStreaming),
            $"{leader} to rejoin as a streaming replica of {next}");
        Assert.False(await cluster.IsWritableAsync(leader));

        WriteReport report = await writer.StopAsync(next);
        Assert.True(report.SplitBrains.Count == 0, report.ToString());
        Assert.True(report.Lost.Count == 0, report.ToString());
        Assert.Equal([leader, next], report.Servers);
    }
}

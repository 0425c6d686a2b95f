namespace Pgha.FaultTests;

public sealed class ReplicaIsolationTests
{
    /// <summary>
    /// Fault: a replica's node loses its link (veth down), then gets it back. Proves: the leader stays leader and
    /// keeps taking writes throughout, nothing acknowledged is lost, and the healed replica streams again.
    /// </summary>
    [NetnsFact]
    public async Task An_isolated_replica_rejoins_streaming_after_healing_and_the_leader_does_not_change()
    {
        await using FaultCluster cluster = await FaultCluster.StartAsync("fault-isolate-replica");
        string leader = await cluster.WaitHealthyAsync(via: "n1");
        // Not the node of etcd's raft leader: losing that is a different fault (see EtcdMinorityLossTests).
        string replica = await EtcdLeadership.FollowerReplicaAsync(cluster, leader);
        await using IWriteChecker writer = new PsqlWriteChecker(cluster);
        await writer.StartAsync();
        await writer.WaitForMoreAsync(10);

        await cluster.Lab.IsolateAsync(replica);
        await writer.WaitForMoreAsync(5);
        await cluster.WaitForAsync(leader, r => r.Any(m => m.Member == leader && m.IsRunningLeader) && r.All(m => m.Member != replica || !m.IsStreaming),
            $"{leader} to stay leader while {replica} is gone");

        await cluster.Lab.HealAsync(replica);
        await cluster.WaitForAsync(leader, r => r.Any(m => m.Member == leader && m.IsRunningLeader) && r.Any(m => m.Member == replica && m.IsStreaming),
            $"{replica} to stream again from {leader}");
        await writer.WaitForMoreAsync(5);

        WriteReport report = await writer.StopAsync(leader);
        Assert.True(report.SplitBrains.Count == 0 && report.Lost.Count == 0, report.ToString());
        Assert.Equal([leader], report.Servers);
    }
}

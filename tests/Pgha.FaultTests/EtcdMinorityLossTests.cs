using Pgha.Testing;

namespace Pgha.FaultTests;

public sealed class EtcdMinorityLossTests
{
    /// <summary>
    /// Fault: the namespace of the etcd raft leader's member is isolated (link down); leadership is first moved to a
    /// replica's node so the pgha leader keeps its own node. etcd loses one member of three (a minority) and must elect
    /// a new raft leader. Proves: the pgha leader does not change and writes go on during the fault, nothing
    /// acknowledged is lost, and once healed the member and the replica come back.
    /// </summary>
    [NetnsFact]
    public async Task Losing_an_etcd_minority_changes_no_leader_and_writes_continue()
    {
        await using FaultCluster cluster = await FaultCluster.StartAsync("fault-etcd-minority");
        string leader = await cluster.WaitHealthyAsync(via: "n1");
        string victim = cluster.Others(leader).First();
        (string raftLeader, IReadOnlyDictionary<string, string> ids) = await EtcdLeadership.ReadAsync(cluster);
        if (raftLeader != victim)
        {
            await EtcdLeadership.MoveAsync(cluster, raftLeader, victim, ids);
            await Wait.UntilAsync(async () => (await EtcdLeadership.ReadAsync(cluster)).Leader == victim, TimeSpan.FromSeconds(60), $"etcd raft leadership on {victim}");
        }
        await using IWriteChecker writer = new PsqlWriteChecker(cluster);
        await writer.StartAsync();
        await writer.WaitForMoreAsync(10);

        await cluster.Lab.IsolateAsync(victim);
        await Wait.UntilAsync(async () => (await EtcdLeadership.ReadAsync(cluster, cluster.Others(victim))).Leader != victim, TimeSpan.FromSeconds(60), "the remaining etcd members to elect a raft leader");
        await writer.WaitForMoreAsync(10);
        IReadOnlyList<MemberRow> during = await cluster.WaitForAsync(leader, r => r.Any(m => m.IsLeader), "the cluster to be readable with one etcd member gone");
        Assert.Equal(leader, during.Single(m => m.IsLeader).Member);
        Assert.True(await cluster.IsWritableAsync(leader));

        await cluster.Lab.HealAsync(victim);
        await cluster.WaitForAsync(victim, r => r.Any(m => m.Member == leader && m.IsRunningLeader) && r.Any(m => m.Member == victim && m.IsStreaming),
            $"{victim}'s etcd member to serve again and its replica to stream from {leader}");

        WriteReport report = await writer.StopAsync(leader);
        Assert.True(report.SplitBrains.Count == 0 && report.Lost.Count == 0, report.ToString());
        Assert.Equal([leader], report.Servers);
    }
}

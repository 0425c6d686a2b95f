namespace Pgha.FaultTests;

public sealed class EtcdMinorityLossTests
{
    /// <summary>
    /// Fault: a replica's namespace is isolated (link down), taking its etcd member with it: etcd loses one member of
    /// three, a minority that is not its raft leader (so no raft election happens). Proves: the pgha leader does not change and keeps taking writes while the member is gone,
    /// nothing acknowledged is lost, and once healed the member serves again and the replica streams.
    /// </summary>
    [NetnsFact]
    public Task Losing_an_etcd_minority_changes_no_leader_and_writes_continue() => IsolateAReplicaAsync(raftLeaderOnVictim: false);

    /// <summary>
    /// Fault: as above, but the isolated member is etcd's raft leader (moved there first with etcdctl move-leader),
    /// so the other two must elect a new one. Proves: the pgha leader survives a raft election. Under the fast profile
    /// (ttl 6, retry_timeout 2) an election on loaded cores can outlast retry_timeout; the leader then keeps its role on
    /// its last key refresh (until ttl − margin after it) instead of demoting, and refreshes once etcd answers again.
    /// </summary>
    [NetnsFact]
    public Task Losing_the_etcd_raft_leader_changes_no_leader_and_writes_continue() => IsolateAReplicaAsync(raftLeaderOnVictim: true);

    private static async Task IsolateAReplicaAsync(bool raftLeaderOnVictim)
    {
        await using FaultCluster cluster = await FaultCluster.StartAsync("fault-etcd-minority");
        string leader = await cluster.WaitHealthyAsync(via: "n1");
        string victim = await EtcdLeadership.FollowerReplicaAsync(cluster, leader);
        if (raftLeaderOnVictim)
        {
            await EtcdLeadership.MoveToAsync(cluster, victim);
        }
        await using IWriteChecker writer = new PsqlWriteChecker(cluster);
        await writer.StartAsync();
        await writer.WaitForMoreAsync(10);

        await cluster.Lab.IsolateAsync(victim);
        await cluster.WaitForAsync(leader, r => r.All(m => m.Member != victim), $"{victim}'s member key to expire while its etcd member is gone");
        await writer.WaitForMoreAsync(10);
        IReadOnlyList<MemberRow> during = await cluster.ListAsync(leader);
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

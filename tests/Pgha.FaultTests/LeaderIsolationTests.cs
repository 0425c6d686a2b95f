namespace Pgha.FaultTests;

public sealed class LeaderIsolationTests
{
    /// <summary>
    /// Fault: the leader's node loses its link (veth down on the bridge): its etcd member, agent and PostgreSQL are
    /// cut off from everything at once. Proves: another node becomes leader; the writer never sees two writable
    /// primaries; once healed the old leader is a streaming replica, not writable; only its unshipped tail of
    /// acknowledged writes may be lost (asynchronous replication).
    /// </summary>
    [NetnsFact]
    public async Task The_isolated_leader_is_replaced_and_comes_back_as_a_replica_without_two_writable_primaries()
    {
        await using FaultCluster cluster = await FaultCluster.StartAsync("fault-isolate-leader");
        string leader = await cluster.WaitHealthyAsync(via: "n1");
        string via = cluster.Others(leader).First();
        await using IWriteChecker writer = new PsqlWriteChecker(cluster);
        await writer.StartAsync();
        await writer.WaitForMoreAsync(20);

        await cluster.Lab.IsolateAsync(leader);
        string next = await cluster.WaitHealthyAsync(via, replicas: 1, notLeader: leader);
        await writer.WaitForMoreAsync(5);

        await cluster.Lab.HealAsync(leader);
        await cluster.WaitForAsync(via, r => r.Any(m => m.Member == next && m.IsRunningLeader) && r.Any(m => m.Member == leader && m.IsStreaming),
            $"{leader} to rejoin as a streaming replica of {next}");
        Assert.False(await cluster.IsWritableAsync(leader));
        await writer.WaitForMoreAsync(5);

        WriteReport report = await writer.StopAsync(next);
        Assert.True(report.SplitBrains.Count == 0, report.ToString());
        Assert.True(report.LostOnlyTheUnshippedTailOf(leader), report.ToString());
        Assert.Equal([leader, next], report.Servers);
    }
}

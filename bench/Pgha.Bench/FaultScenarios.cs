using System.Text;
using System.Text.Json;
using Pgha.Testing;

namespace Pgha.Bench;

/// <summary>Switchover, postmaster crash, unplanned failover and node failure, each under a client writing every 20 ms.</summary>
public sealed class FaultScenarios(BenchCluster cluster, string profile, Results results, BenchClock clock)
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(120);
    private BenchSystem System => cluster.System;

    /// <summary>
    /// Planned switchover from the leader to a streaming replica: both by POST /switchover to the leader. The candidate
    /// is the streaming replica named first (n1, n2, n3 is also the writer's host order): the client tries the hosts in
    /// that order, logging in to each standby to learn it is read-only, so a candidate late in the list lengthens the
    /// outage by those logins whatever the HA system does. The same rule for both systems keeps that out of the ratio.
    /// </summary>
    public async Task SwitchoverAsync(string leader)
    {
        string candidate = (await cluster.Sql.StreamingReplicasAsync(leader)).Order(StringComparer.Ordinal).First();
        string candidateAddress = cluster.Address(candidate);
        await using WriterClient writer = await StartWriterAsync();
        double t0 = clock.Now;
        await RequestSwitchoverAsync(leader, candidate);
        await Wait.UntilAsync(() => Outage.FirstFrom(writer.Acks, t0, candidateAddress) is not null, s_bound, $"{System}: a write acknowledged by {candidate} after the switchover");
        double done = Outage.FirstFrom(writer.Acks, t0, candidateAddress)!.At;
        await Task.Delay(500);
        await writer.StopAsync();
        results.Add(profile, "switchover: command until write on candidate (s)", System, done - t0);
        results.Add(profile, "switchover: client write outage (s)", System, Outage.LongestGap(writer.Acks, t0));
        (WriteAck last, WriteAck first) = Outage.LongestGapEnds(writer.Acks, t0);
        Console.WriteLine($"  {System}: switchover timeline (UTC): request {clock.Wall(t0)}, last write before the gap {clock.Wall(last.At)} on {last.Server}, first after {clock.Wall(first.At)} on {first.Server}");
        await RecordLostAsync("switchover", writer, candidate);
    }

    /// <summary>kill -9 of the leader's postmaster only; its agent stays alive and should restart it.</summary>
    public async Task CrashAsync(string leader)
    {
        await using WriterClient writer = await StartWriterAsync();
        double t0 = clock.Now;
        BenchCluster.Kill(cluster.PostmasterPid(leader));
        await Wait.UntilAsync(() => Outage.RecoveredAfter(writer.Acks, t0), s_bound, $"{System}: writes flowing again after the postmaster crash on {leader}");
        await writer.StopAsync();
        results.Add(profile, "postmaster crash: client write outage (s)", System, Outage.LongestGap(writer.Acks, t0));
        await RecordLostAsync("postmaster crash", writer, cluster.Sql.NodeAt(writer.Acks[^1].Server));
    }

    /// <summary>
    /// kill -9 of the leader's agent and postmaster together, until the first write acknowledged by another node. pgha's
    /// fence process is left alive, as a crash of the agent alone would leave it.
    /// </summary>
    public Task FailoverAsync(string leader) => KillLeaderAsync("failover", leader, [cluster.AgentPid(leader)]);

    /// <summary>
    /// kill -9 of every process of the leader's node, as if the machine died: pgha's fence first (its agent would only
    /// start another at the end of a cycle), then the agent, then the postmaster, so no process is left to see the others
    /// die and act for the node. The leader key is left to expire, ttl after its last refresh, for both systems.
    /// </summary>
    public Task NodeFailureAsync(string leader)
    {
        int agent = cluster.AgentPid(leader);
        return KillLeaderAsync("node failure", leader, [.. cluster.HaPids(leader).Where(pid => pid != agent), agent], () => RenewalAsync(leader));
    }

    /// <summary>
    /// Until the leader has just renewed its key's lease, so the kill comes at the same point of either system's renewal
    /// cycle and the key then lives a whole ttl: without it, how soon the scenario starts after the last renewal (the
    /// settling before it) decides up to loop_wait of the outage.
    /// </summary>
    private async Task RenewalAsync(string leader)
    {
        long? before = null;
        // Both systems renew at least once per loop_wait (at most 10 s in these profiles).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (DateTime.UtcNow < until)
        {
            long? left = await cluster.Keys.LeaseSecondsLeftAsync("leader");
            if (left > before)
            {
                return;
            }
            before = left ?? before;
            await Task.Delay(20);
        }
        Console.WriteLine($"  {System}: node failure: no renewal of {leader}'s lease seen; killing anyway");
    }

    /// <summary>
    /// kill -9 of <paramref name="haProcesses"/> in their order, then of the leader's postmaster, under the writer;
    /// measured until the first write acknowledged by another node, and from the leader key's end until that write.
    /// </summary>
    private async Task KillLeaderAsync(string scenario, string leader, IReadOnlyList<int> haProcesses, Func<Task>? beforeKill = null)
    {
        string leaderAddress = cluster.Address(leader);
        int? postmaster = cluster.PostmasterPid(leader);
        Console.WriteLine($"  {System}: {scenario}: killing {leader}'s HA processes {string.Join(", ", haProcesses)} and postmaster {postmaster}");
        await using WriterClient writer = await StartWriterAsync();
        await using var key = new LeaderKeyWatch(cluster.Keys, leader, clock);
        if (beforeKill is not null)
        {
            await beforeKill();
        }
        double t0 = clock.Now;
        foreach (int pid in haProcesses)
        {
            BenchCluster.Kill(pid);
        }
        BenchCluster.Kill(postmaster);
        await Wait.UntilAsync(() => Outage.FirstFrom(writer.Acks, t0, leaderAddress, other: true) is not null, s_bound, $"{System}: a write acknowledged by a new leader after killing {leader} ({scenario})");
        WriteAck first = Outage.FirstFrom(writer.Acks, t0, leaderAddress, other: true)!;
        await Task.Delay(500);
        await writer.StopAsync();
        results.Add(profile, $"{scenario}: kill -9 until first write on new leader (s)", System, first.At - t0);
        if (key.GoneAt is { } gone)
        {
            results.Add(profile, $"{scenario}: leader key expiry until first write on new leader (s)", System, first.At - gone);
        }
        await RecordLostAsync(scenario, writer, cluster.Sql.NodeAt(first.Server));
    }

    private async Task<WriterClient> StartWriterAsync()
    {
        var writer = new WriterClient(cluster.Sql.WriterConnectionString(), clock);
        writer.Start();
        await Wait.UntilAsync(() => writer.Acks.Count >= 10, TimeSpan.FromSeconds(60), $"{System}: the writer's first acknowledged writes");
        return writer;
    }

    private async Task RecordLostAsync(string scenario, WriterClient writer, string node)
    {
        long[] ids = writer.Acks.Select(a => a.Id).ToArray();
        long present = await cluster.Sql.CountPresentAsync(node, ids);
        results.Add(profile, $"{scenario}: lost acknowledged writes", System, ids.Length - present);
    }

    /// <summary>Both systems get the request patronictl switchover --force sends: POST /switchover to the leader.</summary>
    private async Task RequestSwitchoverAsync(string leader, string candidate)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        // Patroni's server wants a Content-Length (411 on chunked bodies), so the JSON goes as a plain string.
        using var body = new StringContent(JsonSerializer.Serialize(new { leader, candidate }), Encoding.UTF8, "application/json");
        using HttpResponseMessage response = await http.PostAsync($"http://{cluster.Address(leader)}:8008/switchover", body);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{System} POST /switchover: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}

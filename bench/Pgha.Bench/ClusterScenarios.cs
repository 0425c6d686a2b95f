using Pgha.Testing;

namespace Pgha.Bench;

/// <summary>Bootstrap, idle footprint and REST throughput of one fresh cluster.</summary>
public sealed class ClusterScenarios(BenchCluster cluster, string profile, Results results, BenchClock clock, BenchSettings settings)
{
    private BenchSystem System => cluster.System;

    /// <summary>Agents started until one leader and two streaming replicas; returns the leader.</summary>
    public async Task<string> BootstrapAsync()
    {
        await cluster.PrepareAsync();
        double t0 = clock.Now;
        DateTime started = DateTime.UtcNow;
        cluster.StartAgents();
        string leader = await Primary.WaitAsync(cluster, 2, TimeSpan.FromSeconds(240));
        // Wall-clock ends, to line the bootstrap up with the agents' log timestamps.
        Console.WriteLine($"  {System}: agents started {started:HH:mm:ss.fff}, 1 leader + 2 streaming {DateTime.UtcNow:HH:mm:ss.fff} (logs under {cluster.Root})");
        results.Add(profile, "bootstrap to 1 leader + 2 streaming (s)", System, clock.Now - t0);
        return leader;
    }

    /// <summary>
    /// Memory and CPU of every HA process per node (pgha: agent + fence) and etcd requests over an idle window (nothing
    /// but the agents talks to etcd then).
    /// </summary>
    public async Task SteadyAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(5)); // let post-bootstrap work (checkpoints, slot creation) finish
        IReadOnlyList<int>[] perNode = cluster.Nodes.Select(cluster.HaPids).ToArray();
        double cpu0 = perNode.Sum(pids => pids.Sum(ProcStats.CpuSeconds));
        double etcd0 = await cluster.Keys.RequestsStartedAsync();
        double t0 = clock.Now;
        await Task.Delay(TimeSpan.FromSeconds(settings.IdleSeconds));
        double seconds = clock.Now - t0;
        double etcd1 = await cluster.Keys.RequestsStartedAsync();
        double cpu1 = perNode.Sum(pids => pids.Sum(ProcStats.CpuSeconds));
        int nodes = perNode.Length;
        results.Add(profile, "idle agent RSS, mean of 3 (MiB)", System, perNode.Average(pids => ProcStats.RssMiB(pids[0])));
        results.Add(profile, "idle RSS per node, all HA processes (MiB)", System, perNode.Average(pids => pids.Sum(ProcStats.RssMiB)));
        results.Add(profile, "idle PSS per node, all HA processes (MiB)", System, perNode.Average(pids => pids.Sum(ProcStats.PssMiB)));
        results.Add(profile, "idle CPU per minute per node, all HA processes (s)", System, (cpu1 - cpu0) / nodes * 60 / seconds);
        // The bench's own metrics scrape is HTTP, not gRPC: it does not count.
        results.Add(profile, "etcd requests/s per agent (idle)", System, (etcd1 - etcd0) / nodes / seconds);
    }

    public async Task RestAsync(string leader)
    {
        await using var processes = new ProcessGuard();
        (double rps, double p99) = await Wrk.RunAsync(processes, $"http://{cluster.Address(leader)}:8008/primary", settings.WrkSeconds);
        results.Add(profile, "REST GET /primary requests/s (wrk -t1 -c8)", System, rps);
        results.Add(profile, "REST GET /primary p99 (ms)", System, p99);
    }
}

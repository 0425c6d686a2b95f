namespace Pgha.Bench;

/// <summary>One repetition of one system under one profile, on a cluster built for it and torn down after it.</summary>
public static class BenchRun
{
    public static async Task RunAsync(BenchSystem system, BenchProfile profile, BenchSettings settings, Results results, BenchClock clock)
    {
        await using var cluster = new BenchCluster(system, profile.For(system), settings.PghaBinary);
        Reaper.Track(cluster);
        if (settings.KeepLogs)
        {
            cluster.KeepLogs();
            Console.WriteLine($"  {system}: logs kept under {cluster.Root}");
        }
        try
        {
            await MeasureAsync(cluster, profile, settings, results, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.WriteLine($"  {system}: failed ({e.GetType().Name}: {e.Message}); logs kept under {cluster.Root}");
            cluster.KeepLogs();
            throw;
        }
        finally
        {
            Reaper.Untrack(cluster);
        }
    }

    private static async Task MeasureAsync(BenchCluster cluster, BenchProfile profile, BenchSettings settings, Results results, BenchClock clock)
    {
        BenchSystem system = cluster.System;
        var steady = new ClusterScenarios(cluster, profile.Name, results, clock, settings);
        string leader = await steady.BootstrapAsync();
        Console.WriteLine($"  {system}: bootstrapped, leader {leader}");
        if (settings.BootstrapOnly)
        {
            return;
        }
        await steady.SteadyAsync();
        Console.WriteLine($"  {system}: idle footprint measured");
        if (settings.WrkSeconds > 0)
        {
            await steady.RestAsync(leader);
            Console.WriteLine($"  {system}: REST measured");
        }
        if (!settings.Faults)
        {
            return;
        }
        await cluster.Sql.ExecuteAsync(leader, "create table bench_writes (id bigint primary key, at timestamptz not null default now())");
        var faults = new FaultScenarios(cluster, profile.Name, results, clock);
        await faults.SwitchoverAsync(leader);
        leader = await Primary.SettleAsync(cluster, replicas: 2);
        Console.WriteLine($"  {system}: switched over, leader {leader}");
        if (settings.SwitchoverOnly)
        {
            return;
        }
        await faults.CrashAsync(leader);
        leader = await Primary.SettleAsync(cluster, replicas: 2);
        Console.WriteLine($"  {system}: postmaster crash absorbed, leader {leader}");
        await faults.FailoverAsync(leader);
        Console.WriteLine($"  {system}: failed over from {leader}");
        // Two nodes are left: the new leader and the replica that must stream from it before the last fault.
        leader = await Primary.SettleAsync(cluster, replicas: 1);
        await faults.NodeFailureAsync(leader);
        Console.WriteLine($"  {system}: node failure of {leader} failed over");
    }
}

using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>Seeded randomized runs of three agents; a failing seed is printed and then pinned below as a named test.</summary>
public sealed class SafetySimulationTests
{
    private const int Steps = 600;

    [Fact]
    public void No_two_writable_primaries_in_200_seeded_runs_with_faults()
    {
        var failures = new List<string>();
        for (int seed = 1; seed <= 200; seed++)
        {
            string? violation = RunSeed(seed);
            if (violation is not null)
            {
                failures.Add($"seed {seed}: {violation}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} seed(s) failed; first: {failures.FirstOrDefault()}");
    }

    [Fact]
    public void With_synchronous_mode_no_member_outside_the_sync_key_is_promoted_in_200_seeded_runs_with_faults()
    {
        var failures = new List<string>();
        int namedSync = 0;
        for (int seed = 1; seed <= 200; seed++)
        {
            var sim = new SafetySimulation(seed, new SimFaults(), synchronousMode: true);
            sim.Run(Steps);
            namedSync += sim.Dcs.Sync is { SyncStandbys.Count: > 0 } ? 1 : 0;
            if (sim.Violation is not null)
            {
                failures.Add($"seed {seed}: {sim.Violation}");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} seed(s) failed; first: {failures.FirstOrDefault()}");
        Assert.True(namedSync > 0, "no run ever named a synchronous standby: the model does not exercise synchronous mode");
    }

    [Fact]
    public void With_synchronous_mode_every_seed_converges_after_faults_stop()
    {
        List<int> stuck = SeedsThatDoNotConverge(synchronousMode: true);

        Assert.True(stuck.Count == 0, $"seeds that did not converge: {string.Join(", ", stuck)}");
    }

    [Fact]
    public void With_synchronous_mode_and_no_faults_the_sync_key_names_a_streaming_replica()
    {
        var sim = new SafetySimulation(seed: 7, SimFaults.None, synchronousMode: true);

        sim.Run(steps: 120);

        Assert.Null(sim.Violation);
        string standby = Assert.Single(sim.Dcs.Sync!.SyncStandbys);
        Assert.Equal(sim.Dcs.Leader, sim.Dcs.Sync.Leader);
        Assert.Equal($"\"{standby}\"", sim.Agent(sim.Dcs.Leader!).Pg.SyncNames);
    }

    [Fact]
    public void Without_faults_the_cluster_bootstraps_one_primary_and_two_streaming_replicas()
    {
        var sim = new SafetySimulation(seed: 7, SimFaults.None);

        sim.Run(steps: 120);

        Assert.Null(sim.Violation);
        Assert.Single(sim.Agents, a => a.Pg.IsWritablePrimary(sim.Now));
        Assert.Equal(2, sim.Agents.Count(a => a.Pg.InRecovery && a.Pg.Upstream == sim.Dcs.Leader));
        Assert.Equal("7000", sim.Dcs.Initialize);
    }

    /// <summary>
    /// Liveness after the storm: 200 more quiet seconds let every freeze and isolation end. Runs whose initialize
    /// claim was applied but answered as lost are left out: nobody bootstraps and the cluster waits for an operator,
    /// a known limitation (Patroni behaves the same) rather than a broken rule.
    /// </summary>
    [Fact]
    public void After_faults_stop_every_seed_converges_to_one_primary_streamed_by_two_replicas()
    {
        List<int> stuck = SeedsThatDoNotConverge(synchronousMode: false);

        Assert.True(stuck.Count == 0, $"seeds that did not converge: {string.Join(", ", stuck)}");
    }

    /// <summary>Each of 200 seeds: the fault storm, then 200 quiet seconds; the seeds whose cluster did not converge.</summary>
    private static List<int> SeedsThatDoNotConverge(bool synchronousMode)
    {
        var stuck = new List<int>();
        for (int seed = 1; seed <= 200; seed++)
        {
            var sim = new SafetySimulation(seed, new SimFaults(), synchronousMode);
            sim.Run(Steps);
            sim.Faults = SimFaults.None;
            sim.Run(200);
            if (sim.Dcs.Initialize != "" && !Converged(sim))
            {
                stuck.Add(seed);
            }
        }
        return stuck;
    }

    private static bool Converged(SafetySimulation sim) =>
        sim.Violation is null
        && sim.Dcs.Leader is { } leader
        && sim.Agent(leader).Pg.IsWritablePrimary(sim.Now)
        && sim.Agents.Where(a => a.Name != leader).All(a =>
            a.Pg.State == PostgresRunState.Running && a.Pg.InRecovery && a.Pg.Upstream == leader && a.Pg.CanStreamFrom(sim.Agent(leader).Pg));

    /// <summary>
    /// Found by this simulation before SelfFencing.MayAcceptWrites existed: n2 held the key, lost etcd, and its
    /// postmaster hung; the etcd-unreachable rule and then the follower rule ignored the hung (not "running") primary,
    /// its lease ran out, n1 was promoted, and n2's postmaster woke up taking writes beside it. The seed reproduces
    /// that history only with this model's random draws; if the model changes, find the new seed by reverting the fix.
    /// </summary>
    [Fact]
    public void Seed_5_a_hung_primary_that_lost_etcd_is_fenced_before_a_replica_is_promoted() =>
        Assert.Null(RunSeed(5));

    private static string? RunSeed(int seed)
    {
        var sim = new SafetySimulation(seed, new SimFaults());
        sim.Run(Steps);
        return sim.Violation;
    }
}

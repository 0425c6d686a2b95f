using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>No data directory: bootstrap a new cluster, clone from a member, or wait.</summary>
internal static class NoDataRules
{
    private const int MaxFailedBootstraps = 3;

    public static HaDecision Decide(HaInput input)
    {
        ClusterView cluster = input.Cluster;
        if (cluster.IsLeader(input.Me))
        {
            return Decision.Do(input.Memory with { HoldsLeaderKey = false }, HaReasons.ReleaseLockNoData, new ReleaseLeaderLock());
        }
        if (input.Settings.Paused)
        {
            return Decision.Wait(input, HaReasons.PausedNoAction);
        }
        if (cluster.Leader is null && cluster.Initialize is null && input.Memory.FailedBootstraps >= MaxFailedBootstraps)
        {
            return Decision.Wait(input, HaReasons.BootstrapGaveUp);
        }
        if (cluster.Leader is null && cluster.Initialize is null)
        {
            return input.Settings.CanBootstrap && !input.Settings.Tags.NoFailover
                ? Decision.Do(input.Memory with { Bootstrapping = true }, HaReasons.Bootstrapping, new ClaimInitializeKey(), new BootstrapCluster())
                : Decision.Wait(input, HaReasons.NoDataNotBootstrapping);
        }
        if (cluster.LeaderMember is { } leader && leader.Role == MemberRole.Primary && leader.ConnUrl.Length > 0)
        {
            string source = CloneSource(input, leader);
            return Decision.Do(input, HaReasons.CloneFrom(source == leader.Name ? "" : source), new CreateReplica(source));
        }
        return Decision.Wait(input, HaReasons.WaitForLeaderToBootstrap);
    }

    /// <summary>A running replica tagged clonefrom spares the leader the base backup; otherwise the leader.</summary>
    private static string CloneSource(HaInput input, Member leader)
    {
        Member? replica = input.Cluster.Members
            .Where(m => m.Tags.CloneFrom && m.Name != input.Me && m.Name != leader.Name && m.State is "running" or "streaming" && m.ConnUrl.Length > 0)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        return replica?.Name ?? leader.Name;
    }
}

namespace Pgha.Core.Tests.Ha;

/// <summary>Entry points for <see cref="ClusterBuilder"/>: <c>Cluster.WithLeader("n1").Member("n2", lsn: 120)</c>.</summary>
public static class Cluster
{
    /// <summary>An initialized cluster (<c>initialize=7000</c>) whose leader key names <paramref name="leader"/>.</summary>
    /// <remarks>The leader's member key is added as a running primary unless a later <c>Member</c> call replaces it.</remarks>
    public static ClusterBuilder WithLeader(string leader, long lsn = 100, int timeline = 1) =>
        new ClusterBuilder().Leader(leader).Member(leader, lsn, Pgha.Core.Cluster.MemberRole.Primary, timeline).Initialized("7000");

    /// <summary>An initialized cluster (<c>initialize=7000</c>) with a free leader key.</summary>
    public static ClusterBuilder WithoutLeader() => new ClusterBuilder().Initialized("7000");

    /// <summary>Nothing in etcd yet: no initialize key, no leader, no members.</summary>
    public static ClusterBuilder Empty() => new();

    /// <summary>etcd could not be read within retry_timeout.</summary>
    public static Pgha.Core.Cluster.ClusterView Unreachable => Pgha.Core.Cluster.ClusterView.Unreachable;
}

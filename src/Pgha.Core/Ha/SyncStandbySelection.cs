using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>
/// Which standbys the leader wants synchronous, and which of them PostgreSQL already treats as synchronous, from the
/// leader's own <c>pg_stat_replication</c> rows (application_name is the member name) and the members' tags.
/// </summary>
public static class SyncStandbySelection
{
    /// <summary>
    /// Up to synchronous_node_count streaming members without nosync, within maximum_lag_on_syncnode (when above 0):
    /// members that may fail over first, then those already synchronous, then the furthest flushed.
    /// </summary>
    public static IReadOnlyList<string> Pick(HaInput input)
    {
        HaSettings settings = input.Settings;
        return [.. Eligible(input)
            .Where(r => settings.MaximumLagOnSyncNode <= 0 || input.Postgres.WalPosition - (r.Row.FlushLsn ?? 0) <= settings.MaximumLagOnSyncNode)
            .OrderBy(r => r.Member.Tags.NoFailover)
            .ThenBy(r => !IsSyncState(r.Row))
            .ThenByDescending(r => r.Row.FlushLsn ?? 0)
            .ThenBy(r => r.Member.Name, StringComparer.Ordinal)
            .Take(Math.Max(1, settings.SynchronousNodeCount))
            .Select(r => r.Member.Name)];
    }

    /// <summary>
    /// Members PostgreSQL reports as <c>sync</c> (or <c>quorum</c>) under the live value, that flushed past the WAL position
    /// of the cycle that value was first seen: only they are known to hold every acknowledged commit.
    /// </summary>
    public static IReadOnlySet<string> Confirmed(HaInput input, long namesSeenAtLsn)
    {
        IReadOnlySet<string> named = SyncStandbyNames.Parse(input.Postgres.SynchronousStandbyNames);
        return Eligible(input)
            .Where(r => IsSyncState(r.Row) && named.Contains(r.Member.Name) && (r.Row.FlushLsn ?? 0) >= namesSeenAtLsn)
            .Select(r => r.Member.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    private static bool IsSyncState(ReplicationConnection row) => row.SyncState is "sync" or "quorum";

    /// <summary>Streaming connections of running members (not me) without the nosync tag, one per member.</summary>
    private static IEnumerable<(ReplicationConnection Row, Member Member)> Eligible(HaInput input) =>
        input.Postgres.Replication
            .Where(r => r.State == "streaming" && r.ApplicationName != input.Me)
            .Select(r => (Row: r, Member: input.Cluster.FindMember(r.ApplicationName)))
            .Where(r => r.Member is { Tags.NoSync: false, State: "running" or "streaming" })
            .Select(r => (r.Row, r.Member!))
            .DistinctBy(r => r.Item2.Name);
}

namespace Pgha.Core.Cluster;

/// <summary>One row of the <c>history</c> key: <c>[timeline, lsn, reason, timestamp, new_leader]</c>.</summary>
public sealed record HistoryEntry(int Timeline, long Lsn, string Reason, DateTimeOffset? Timestamp, string? NewLeader);

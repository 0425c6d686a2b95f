namespace Pgha.Core.Cluster;

/// <summary>The <c>sync</c> key: which leader and which synchronous standbys it last agreed on.</summary>
public sealed record SyncKey(string? Leader, IReadOnlyList<string> SyncStandbys, long ModRevision);

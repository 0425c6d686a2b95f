namespace Pgha.Core.Cluster;

/// <summary>The <c>leader</c> key: the member name, and the revision a compare-and-delete needs.</summary>
public sealed record LeaderKey(string Name, long ModRevision, long LeaseId);

namespace Pgha.Core.Cluster;

/// <summary>The <c>failover</c> key: a requested switchover (<see cref="Leader"/> set) or failover.</summary>
/// <remarks>Patroni stores the candidate as <c>member</c>; an empty object means "no request".</remarks>
public sealed record FailoverKey(string? Leader, string? Candidate, DateTimeOffset? ScheduledAt)
{
    public bool IsEmpty => string.IsNullOrEmpty(Leader) && string.IsNullOrEmpty(Candidate);
}

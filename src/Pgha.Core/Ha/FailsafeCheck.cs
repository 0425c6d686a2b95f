namespace Pgha.Core.Ha;

/// <summary>
/// One round of <c>POST /failsafe</c> from a primary that lost etcd to every other member of the failsafe list.
/// </summary>
/// <param name="StartedAt">When the round began: replicas accept later than this, so it bounds their no-race window from below.</param>
/// <param name="Refused">Members that did not answer 200, with why (unreachable, 500 Running as a leader, ...).</param>
public sealed record FailsafeCheck(DateTimeOffset StartedAt, IReadOnlyList<string> Accepted, IReadOnlyList<string> Refused)
{
    public bool AllAccepted => Refused.Count == 0;
}

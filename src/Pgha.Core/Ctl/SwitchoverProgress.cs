using Pgha.Core.Cluster;

namespace Pgha.Core.Ctl;

/// <summary>
/// Reads the outcome of a switchover or failover from a fresh snapshot, as Patroni's REST handler polls for it:
/// the request is over once the failover key is cleared. Null while it is still under way.
/// </summary>
public static class SwitchoverProgress
{
    public static (int Status, string Message)? Outcome(ClusterView cluster, SwitchoverRequest request)
    {
        if (cluster.Failover is { IsEmpty: false })
        {
            return null;
        }
        string? now = cluster.Leader?.Name;
        if (now is null || now == request.Leader || cluster.LeaderMember is not { Role: MemberRole.Primary })
        {
            // The key is cleared but nobody new leads yet: the new leader clears it right after winning, so wait.
            return now is not null && now == request.Leader ? (503, $"{Title(request.Action)} failed") : null;
        }
        if (!string.IsNullOrEmpty(request.Candidate) && now != request.Candidate)
        {
            return (200, $"Switched over to \"{now}\" instead of \"{request.Candidate}\"");
        }
        return (200, $"Successfully {(request.IsFailover ? "failed over" : "switched over")} to \"{now}\"");
    }

    public static string Unknown(SwitchoverRequest request) => $"{Title(request.Action)} status unknown";

    private static string Title(string action) => char.ToUpperInvariant(action[0]) + action[1..];
}

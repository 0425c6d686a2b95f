using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>A switchover or failover requested through the failover key, seen by the running leader.</summary>
internal static class ManualFailover
{
    public static HaDecision? Decide(HaInput input)
    {
        FailoverKey? request = input.Cluster.Failover;
        if (request is null || request.IsEmpty)
        {
            return null;
        }
        if (request.ScheduledAt is { } at && at > input.Now)
        {
            return null;
        }
        bool forMe = string.IsNullOrEmpty(request.Leader) || request.Leader == input.Me;
        if (!forMe || request.Candidate == input.Me)
        {
            return Decision.Do(input, HaReasons.ManualFailoverImpossible(request.Candidate ?? ""), new RefreshLeaderLock(), new ClearFailoverKey());
        }
        Member? target = input.Cluster.Members
            .Where(m => m.Name != input.Me && (string.IsNullOrEmpty(request.Candidate) || m.Name == request.Candidate))
            .Where(m => FailoverCandidates.IsViableTarget(input, m))
            .OrderByDescending(m => m.XlogLocation ?? 0)
            .FirstOrDefault();
        if (target is null)
        {
            return Decision.Do(input, HaReasons.ManualFailoverImpossible(request.Candidate ?? "any member"), new RefreshLeaderLock(), new ClearFailoverKey());
        }
        AgentMemory next = input.Memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null };
        // Only a named candidate is waited for alone: without one, any member may win the race that follows, so every
        // streaming standby must hold the last WAL first.
        string? handOverTo = string.IsNullOrEmpty(request.Candidate) ? null : target.Name;
        return Decision.Do(next, HaReasons.ManualFailoverDemote(target.Name), new RefreshLeaderLock(), new Demote(DemoteMode.Graceful, handOverTo));
    }
}

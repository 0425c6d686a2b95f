namespace Pgha.Core.Ctl;

/// <summary>A switchover (leader named) or failover (candidate named), as POST /switchover and /failover receive it.</summary>
public sealed record SwitchoverRequest(bool IsFailover, string? Leader, string? Candidate, DateTimeOffset? ScheduledAt = null)
{
    /// <summary>The word Patroni uses in its messages.</summary>
    public string Action => IsFailover ? "failover" : "switchover";
}

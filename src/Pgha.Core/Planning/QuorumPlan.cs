namespace Pgha.Core.Planning;

/// <summary>What a layout survives, and why. Produced by <see cref="QuorumPlanner.Plan"/>.</summary>
public sealed record QuorumPlan
{
    public required IReadOnlyList<string> EtcdMembers { get; init; }
    /// <summary>Members that must be up for etcd to work: floor(n/2) + 1.</summary>
    public required int Quorum { get; init; }
    /// <summary>Member losses etcd survives: n - quorum (N = 2F + 1).</summary>
    public required int ToleratedEtcdFailures { get; init; }
    public required int PostgresNodes { get; init; }
    /// <summary>Host losses the whole system survives, whichever hosts they are (worst case).</summary>
    public required int ToleratedHostFailures { get; init; }
    public required int FailureDomains { get; init; }
    /// <summary>Whole failure-domain losses the system survives (worst case).</summary>
    public required int ToleratedDomainLosses { get; init; }
    /// <summary>"etcd", "postgresql" or "none" when both give out at the same point.</summary>
    public required string LimitingComponent { get; init; }
    public required IReadOnlyList<PlanWarning> Warnings { get; init; }

    /// <summary>True when one host loss, any host, stops etcd: such a layout is refused.</summary>
    public bool LosesQuorumOnSingleHostLoss => ToleratedEtcdFailures == 0;
}

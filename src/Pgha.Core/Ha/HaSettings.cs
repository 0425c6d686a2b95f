using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>The effective settings one decision needs (local config merged with the DCS config).</summary>
public sealed record HaSettings
{
    public required string Name { get; init; }
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan LoopWait { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public long MaximumLagOnFailover { get; init; } = 1_048_576;
    public TimeSpan PrimaryStartTimeout { get; init; } = TimeSpan.FromSeconds(300);
    public bool UsePgRewind { get; init; }
    public bool UseSlots { get; init; } = true;
    public bool Paused { get; init; }
    public bool CheckTimeline { get; init; }
    /// <summary>failsafe_mode: a primary that loses etcd keeps running while every member acknowledges it (§2.9).</summary>
    public bool FailsafeMode { get; init; }
    /// <summary>True when the local config has a <c>bootstrap</c> section, so this node may run initdb.</summary>
    public bool CanBootstrap { get; init; } = true;
    public MemberTags Tags { get; init; } = MemberTags.None;
    /// <summary><c>synchronous_mode</c>: the leader names synchronous standbys and only they may take over.</summary>
    public bool SynchronousMode { get; init; }
    /// <summary><c>synchronous_mode_strict</c>: without a synchronous standby, commits wait (<c>*</c>) rather than go async.</summary>
    public bool SynchronousModeStrict { get; init; }
    public int SynchronousNodeCount { get; init; } = 1;
    /// <summary><c>maximum_lag_on_syncnode</c> in bytes; 0 or less means no limit (Patroni's default -1).</summary>
    public long MaximumLagOnSyncNode { get; init; } = -1;

    /// <summary>
    /// How long before the leader key's TTL runs out the primary gives up and demotes on its own clock.
    /// etcd may keep a lease alive up to one TTL longer after its own leader changes, so a primary must
    /// never count on others seeing the key expire on time (platform-notes §1).
    /// </summary>
    public TimeSpan DemoteMargin => TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, Ttl.Ticks / 6));
}

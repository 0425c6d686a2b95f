using Pgha.Core.Ha;

namespace Pgha.Core.Config;

/// <summary>Merges the local file with the DCS <c>config</c> key into what one HA decision needs (patroni-compat §5.1).</summary>
public static class EffectiveSettings
{
    public static HaSettings ToHaSettings(PghaConfig local, DynamicConfig dynamic) => new()
    {
        Name = local.Name,
        // Timings are cluster-wide: a node with its own ttl would disagree with the others about when a lock expires.
        Ttl = TimeSpan.FromSeconds(dynamic.Ttl),
        LoopWait = TimeSpan.FromSeconds(dynamic.LoopWait),
        RetryTimeout = TimeSpan.FromSeconds(dynamic.RetryTimeout),
        MaximumLagOnFailover = dynamic.MaximumLagOnFailover,
        PrimaryStartTimeout = TimeSpan.FromSeconds(dynamic.PrimaryStartTimeout),
        UsePgRewind = local.Postgresql.UsePgRewind ?? dynamic.UsePgRewind,
        UseSlots = dynamic.UseSlots,
        Paused = dynamic.Pause,
        CheckTimeline = dynamic.CheckTimeline,
        FailsafeMode = dynamic.FailsafeMode,
        CanBootstrap = local.Bootstrap is not null,
        Tags = local.Tags,
        SynchronousMode = dynamic.SynchronousMode,
        SynchronousModeStrict = dynamic.SynchronousModeStrict,
        SynchronousNodeCount = dynamic.SynchronousNodeCount,
        MaximumLagOnSyncNode = dynamic.MaximumLagOnSyncNode,
    };
}

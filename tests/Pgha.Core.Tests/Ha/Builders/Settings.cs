using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>Settings for one node with Patroni's defaults (ttl 30 s, loop_wait 10 s); flags switch single rules on.</summary>
public static class Settings
{
    public static HaSettings For(string name, bool noFailover = false, bool usePgRewind = false, bool canBootstrap = true,
        bool paused = false, long maximumLagOnFailover = 1_048_576, bool synchronousMode = false, bool strict = false) => new()
        {
            Name = name,
            Tags = new Pgha.Core.Cluster.MemberTags { NoFailover = noFailover },
            UsePgRewind = usePgRewind,
            CanBootstrap = canBootstrap,
            Paused = paused,
            MaximumLagOnFailover = maximumLagOnFailover,
            SynchronousMode = synchronousMode,
            SynchronousModeStrict = strict,
        };
}

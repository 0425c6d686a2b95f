using Pgha.Core.Config;

namespace Pgha.Verify;

/// <summary>Everything one verify run needs, already validated and bounded by the command.</summary>
public sealed record VerifySettings
{
    public required VerifyDsn Dsn { get; init; }
    public required int Writers { get; init; }
    public required TimeSpan Duration { get; init; }
    public required TimeSpan Interval { get; init; }
    /// <summary>Total inserts across writers: the run stops at this count even before <see cref="Duration"/>.</summary>
    public required int MaxWrites { get; init; }
    public required string Table { get; init; }
    public IReadOnlyList<string> Faults { get; init; } = [];
    public IFaultInjector? Injector { get; init; }
    public TimeSpan FaultEvery { get; init; } = TimeSpan.FromSeconds(20);
    public TimeSpan FaultHold { get; init; } = TimeSpan.FromSeconds(10);
    public int? Seed { get; init; }
    /// <summary>--sync (true) or --async (false); null detects it.</summary>
    public bool? Synchronous { get; init; }
    /// <summary>The cluster's dynamic config from etcd when it could be read; used to detect synchronous mode.</summary>
    public DynamicConfig? ClusterConfig { get; init; }
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(60);
}

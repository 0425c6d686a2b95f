namespace Pgha.Core.Config;

/// <summary>The cluster-wide settings kept in the DCS <c>config</c> key (patroni-compat §5.2).</summary>
public sealed record DynamicConfig
{
    public int Ttl { get; init; } = 30;
    public int LoopWait { get; init; } = 10;
    public int RetryTimeout { get; init; } = 10;
    public long MaximumLagOnFailover { get; init; } = 1_048_576;
    public int PrimaryStartTimeout { get; init; } = 300;
    public int PrimaryStopTimeout { get; init; }
    public bool CheckTimeline { get; init; }
    public bool SynchronousMode { get; init; }
    public bool SynchronousModeStrict { get; init; }
    public int SynchronousNodeCount { get; init; } = 1;
    /// <summary>Bytes a standby may lag and still be chosen synchronous; -1 (or 0) means no limit.</summary>
    public long MaximumLagOnSyncNode { get; init; } = -1;
    public bool FailsafeMode { get; init; }
    public bool Pause { get; init; }
    public bool UsePgRewind { get; init; }
    public bool UseSlots { get; init; } = true;
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string>? PgHba { get; init; }
    public IReadOnlyDictionary<string, string> RecoveryConf { get; init; } = new Dictionary<string, string>();
}

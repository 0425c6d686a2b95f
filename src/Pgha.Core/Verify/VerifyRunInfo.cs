namespace Pgha.Core.Verify;

/// <summary>How a verify run was set up, printed with its report so that a run can be repeated.</summary>
public sealed record VerifyRunInfo
{
    public required long RunId { get; init; }
    public required int Writers { get; init; }
    public required TimeSpan Duration { get; init; }
    public required string Table { get; init; }
    /// <summary>The seed of the random fault schedule; null when faults were not random.</summary>
    public long? Seed { get; init; }
    public required bool SynchronousMode { get; init; }
    /// <summary>Where <see cref="SynchronousMode"/> came from: "--sync", "--async", "dcs config" or "synchronous_standby_names".</summary>
    public required string ModeSource { get; init; }
    public long? MaximumLagOnFailover { get; init; }
}

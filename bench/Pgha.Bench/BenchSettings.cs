namespace Pgha.Bench;

/// <summary>What one bench invocation runs.</summary>
public sealed record BenchSettings
{
    public int Repetitions { get; init; } = 5;
    public IReadOnlyList<BenchProfile> Profiles { get; init; } = [BenchProfile.Tutorial, BenchProfile.Fast];
    public IReadOnlyList<BenchSystem> Systems { get; init; } = [BenchSystem.Pgha, BenchSystem.Patroni];
    public int IdleSeconds { get; init; } = 60;
    public int WrkSeconds { get; init; } = 10;
    public bool Faults { get; init; } = true;

    /// <summary>Of the fault scenarios only the switchover (a narrow before/after comparison).</summary>
    public bool SwitchoverOnly { get; init; }
    /// <summary>Keep every cluster's logs (agent.out, PostgreSQL's log) under its Root, for a timeline.</summary>
    public bool KeepLogs { get; init; }
    public string PghaBinary { get; init; } = "artifacts/pgha/pgha";
    public string? OutFile { get; init; }
}

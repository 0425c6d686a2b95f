namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>How often things go wrong, per one-second step (per operation for losses).</summary>
internal sealed record SimFaults
{
    public static readonly SimFaults None = new()
    {
        MessageLoss = 0,
        AmbiguousWrite = 0,
        Freeze = 0,
        Isolate = 0,
        Hang = 0,
        Crash = 0,
        StartFailure = 0,
        Switchover = 0,
    };

    /// <summary>A DCS read, write or REST probe is lost.</summary>
    public double MessageLoss { get; init; } = 0.05;
    /// <summary>A DCS write is applied but its answer is lost, so the agent believes it failed.</summary>
    public double AmbiguousWrite { get; init; } = 0.02;
    /// <summary>The agent process stops running (GC pause, SIGSTOP) for up to <see cref="MaxFreeze"/>; PostgreSQL keeps running.</summary>
    public double Freeze { get; init; } = 0.004;
    public int MaxFreeze { get; init; } = 45;
    /// <summary>The agent loses etcd for up to <see cref="MaxIsolation"/>.</summary>
    public double Isolate { get; init; } = 0.005;
    public int MaxIsolation { get; init; } = 60;
    /// <summary>The postmaster hangs for up to 40 s, then answers (and takes writes) again.</summary>
    public double Hang { get; init; } = 0.002;
    /// <summary>The postmaster dies.</summary>
    public double Crash { get; init; } = 0.001;
    public double StartFailure { get; init; } = 0.05;
    /// <summary>Someone writes a switchover request to a random member.</summary>
    public double Switchover { get; init; } = 0.002;
}

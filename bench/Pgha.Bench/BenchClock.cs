using System.Diagnostics;

namespace Pgha.Bench;

/// <summary>Monotonic seconds since the bench started: one clock for events and acknowledgements.</summary>
public sealed class BenchClock
{
    private readonly long _start = Stopwatch.GetTimestamp();

    public double Now => Stopwatch.GetElapsedTime(_start).TotalSeconds;
}

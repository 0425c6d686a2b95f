using System.Diagnostics;

namespace Pgha.Bench;

/// <summary>Monotonic seconds since the bench started: one clock for events and acknowledgements.</summary>
public sealed class BenchClock
{
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly DateTime _startUtc = DateTime.UtcNow;

    public double Now => Stopwatch.GetElapsedTime(_start).TotalSeconds;

    /// <summary>A bench-clock instant as UTC wall time, to line it up with the agents' log timestamps.</summary>
    public string Wall(double at) => _startUtc.AddSeconds(at).ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture);
}

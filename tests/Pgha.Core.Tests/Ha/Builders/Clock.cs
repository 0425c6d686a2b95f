namespace Pgha.Core.Tests.Ha;

/// <summary>The fixed instant every rule row is decided at, so that ages in memory read as plain offsets.</summary>
public static class Clock
{
    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset SecondsAgo(double seconds) => T0 - TimeSpan.FromSeconds(seconds);
}

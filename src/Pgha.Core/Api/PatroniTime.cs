using System.Globalization;

namespace Pgha.Core.Api;

/// <summary>Timestamps in the two text forms Patroni's clients see (Python's <c>str()</c> and <c>isoformat()</c>).</summary>
/// <remarks>Python drops the fraction when the microseconds are zero, so we do too.</remarks>
public static class PatroniTime
{
    /// <summary><c>2023-03-24 10:11:12.345678+00:00</c>, as in <c>/patroni</c>'s <c>postmaster_start_time</c>.</summary>
    public static string ToPythonString(DateTimeOffset time) =>
        Format(time, "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd HH:mm:ss.ffffffzzz");

    /// <summary><c>2023-03-24T10:11:12.345678+00:00</c>, as in the history key and <c>scheduled_switchover</c>.</summary>
    public static string ToIso(DateTimeOffset time) =>
        Format(time, "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz");

    /// <summary>Seconds since the Unix epoch with microseconds, as Prometheus metrics carry them.</summary>
    public static double ToEpochSeconds(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / (double)TimeSpan.TicksPerSecond;

    private static string Format(DateTimeOffset time, string wholeSecond, string withMicroseconds)
    {
        // A tick is 100 ns: fewer than 10 leftover ticks means zero microseconds.
        string pattern = time.Ticks % TimeSpan.TicksPerSecond < 10 ? wholeSecond : withMicroseconds;
        return time.ToString(pattern, CultureInfo.InvariantCulture);
    }
}

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

    /// <summary>Seconds since the Unix epoch as Python prints them: <c>1774342800.345678</c>, <c>1774342800.0</c>.</summary>
    /// <remarks>Built from the ticks, not a double, so all six digits of the microseconds survive.</remarks>
    public static string ToEpochSeconds(DateTimeOffset time)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long seconds = ticks / TimeSpan.TicksPerSecond;
        long microseconds = ticks % TimeSpan.TicksPerSecond / 10;
        string fraction = microseconds.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{(fraction.Length == 0 ? "0" : fraction)}");
    }

    private static string Format(DateTimeOffset time, string wholeSecond, string withMicroseconds)
    {
        // A tick is 100 ns: fewer than 10 leftover ticks means zero microseconds.
        string pattern = time.Ticks % TimeSpan.TicksPerSecond < 10 ? wholeSecond : withMicroseconds;
        return time.ToString(pattern, CultureInfo.InvariantCulture);
    }
}

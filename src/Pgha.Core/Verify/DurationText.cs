using System.Globalization;

namespace Pgha.Core.Verify;

/// <summary>Durations on the command line: <c>20ms</c>, <c>60s</c>, <c>2m</c>, <c>1h</c>, or a bare number of seconds.</summary>
public static class DurationText
{
    // "ms" before "m" and "s": the first unit that ends the text wins.
    private static readonly (string Unit, double Ms)[] s_units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];

    /// <summary>The duration, or null when <paramref name="text"/> is not one (the caller names the option in its error).</summary>
    public static TimeSpan? Parse(string text)
    {
        string t = text.Trim();
        foreach ((string unit, double ms) in s_units)
        {
            if (t.EndsWith(unit, StringComparison.Ordinal) && Number(t[..^unit.Length]) is double n)
            {
                return TimeSpan.FromMilliseconds(n * ms);
            }
        }
        return Number(t) is double seconds ? TimeSpan.FromSeconds(seconds) : null;
    }

    private static double? Number(string s) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double v) ? v : null;

    /// <summary>The shortest form that reads back: 1h, 10m, 60s or 20ms.</summary>
    public static string Format(TimeSpan t) =>
        t.TotalMilliseconds % 1000 != 0 || t == TimeSpan.Zero ? Inv($"{t.TotalMilliseconds}ms")
        : t.TotalSeconds % 3600 == 0 ? Inv($"{t.TotalHours}h")
        : t.TotalSeconds % 60 == 0 ? Inv($"{t.TotalMinutes}m")
        : Inv($"{t.TotalSeconds}s");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

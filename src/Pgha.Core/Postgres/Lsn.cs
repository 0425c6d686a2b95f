using System.Globalization;

namespace Pgha.Core.Postgres;

/// <summary>PostgreSQL WAL positions: the text form <c>X/Y</c> (two hex halves) and the 64-bit number behind it.</summary>
public static class Lsn
{
    /// <summary>Parses <c>0/3000060</c>; throws <see cref="FormatException"/> naming the bad text.</summary>
    public static long Parse(string text)
    {
        if (TryParse(text, out long value))
        {
            return value;
        }
        throw new FormatException($"\"{text}\" is not a WAL position; expected two hex numbers such as 0/3000060");
    }

    public static bool TryParse(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        string[] halves = text.Trim().Split('/');
        if (halves.Length != 2
            || !uint.TryParse(halves[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint high)
            || !uint.TryParse(halves[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint low))
        {
            return false;
        }
        value = (long)(((ulong)high << 32) | low);
        return true;
    }

    /// <summary>Formats as PostgreSQL does: upper-case hex, no leading zeros.</summary>
    public static string Format(long value)
    {
        ulong bits = (ulong)value;
        return string.Create(CultureInfo.InvariantCulture, $"{bits >> 32:X}/{bits & 0xFFFFFFFF:X}");
    }
}

namespace Pgha.Core.Api;

/// <summary>Parses the <c>?lag=</c> of <c>/replica</c>: bytes, or a number with PostgreSQL's size units.</summary>
/// <remarks>Units are case-sensitive (<c>B</c>, <c>kB</c>, <c>MB</c>, <c>GB</c>, <c>TB</c>, multiples of 1024) as in
/// Patroni, which reads the value like a PostgreSQL setting. Anything unparsable means "no lag limit".</remarks>
public static class LagLimit
{
    public static bool TryParseBytes(ReadOnlySpan<char> text, out long bytes)
    {
        bytes = 0;
        text = text.Trim();
        int digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits]))
        {
            digits++;
        }
        if (digits == 0 || !long.TryParse(text[..digits], out long number))
        {
            return false;
        }
        long multiplier = UnitMultiplier(text[digits..].Trim());
        if (multiplier == 0 || number > long.MaxValue / multiplier)
        {
            return false;
        }
        bytes = number * multiplier;
        return true;
    }

    private static long UnitMultiplier(ReadOnlySpan<char> unit) => unit switch
    {
        "" or "B" => 1,
        "kB" => 1L << 10,
        "MB" => 1L << 20,
        "GB" => 1L << 30,
        "TB" => 1L << 40,
        _ => 0,
    };
}

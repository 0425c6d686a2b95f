using System.Globalization;
using System.Text;

namespace Pgha.Core.Ha;

/// <summary>
/// The <c>synchronous_standby_names</c> values pgha writes and reads back: one quoted name, <c>N ("a","b")</c>,
/// <c>*</c> (strict mode without standbys: every commit waits) or empty (no synchronous replication).
/// </summary>
public static class SyncStandbyNames
{
    public const string Anyone = "*";

    /// <summary>The value for <paramref name="names"/>, sorted so that the same set always reads the same.</summary>
    public static string Format(IEnumerable<string> names, bool strict)
    {
        string[] sorted = [.. names.Order(StringComparer.Ordinal)];
        return sorted.Length switch
        {
            0 => strict ? Anyone : "",
            1 => Quote(sorted[0]),
            _ => string.Create(CultureInfo.InvariantCulture, $"{sorted.Length} ({string.Join(',', sorted.Select(Quote))})"),
        };
    }

    /// <summary>
    /// The standby names a live value lists (<c>*</c> names nobody in particular). Accepts the forms PostgreSQL does:
    /// <c>a</c>, <c>"a"</c>, <c>a, b</c>, <c>[FIRST|ANY] N (a, "b")</c>.
    /// </summary>
    public static IReadOnlySet<string> Parse(string? value)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        string text = (value ?? "").Trim();
        int open = text.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            int close = text.LastIndexOf(')');
            text = text[(open + 1)..(close > open ? close : text.Length)];
        }
        foreach (string item in SplitOutsideQuotes(text))
        {
            string name = Unquote(item.Trim());
            if (name.Length > 0 && name != Anyone)
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>Always double-quoted: member names may hold characters (-, .) that a bare identifier may not.</summary>
    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Unquote(string item) =>
        item.Length >= 2 && item[0] == '"' && item[^1] == '"'
            ? item[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal)
            : item;

    private static IEnumerable<string> SplitOutsideQuotes(string text)
    {
        var current = new StringBuilder();
        bool quoted = false;
        foreach (char c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            if (c == ',' && !quoted)
            {
                yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        yield return current.ToString();
    }
}

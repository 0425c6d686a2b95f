using System.Text.RegularExpressions;

namespace Pgha.Core.Generation;

/// <summary>Writes a YAML scalar so that every reader, YAML 1.1 included, reads back the same string.</summary>
internal static partial class YamlScalar
{
    private static readonly HashSet<string> s_ambiguousWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "on", "off", "yes", "no", "y", "n", "true", "false", "null", "~",
    };

    /// <summary>Plain when safe (numbers stay numbers: Patroni reads 4096 and '4096' alike), else single-quoted.</summary>
    public static string Of(string value) =>
        value.Length > 0 && PlainSafe().IsMatch(value) && !s_ambiguousWords.Contains(value) ? value : Quote(value);

    public static string Quote(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    [GeneratedRegex("^[A-Za-z0-9_./-][A-Za-z0-9_./:-]*$")]
    private static partial Regex PlainSafe();
}

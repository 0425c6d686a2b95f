using System.Text;

namespace Pgha.Core.Postgres;

/// <summary>libpq <c>key=value</c> connection strings.</summary>
public static class ConnInfo
{
    /// <summary>Joins pairs, skipping null values, quoting values that are empty or hold spaces, quotes or backslashes.</summary>
    public static string Render(IEnumerable<KeyValuePair<string, string?>> pairs) =>
        string.Join(" ", pairs.Where(p => p.Value is not null).Select(p => $"{p.Key}={Quote(p.Value!)}"));

    public static string Quote(string value)
    {
        if (value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '\'' or '\\'))
        {
            return value;
        }
        var quoted = new StringBuilder("'");
        foreach (char c in value)
        {
            if (c is '\'' or '\\')
            {
                quoted.Append('\\');
            }
            quoted.Append(c);
        }
        return quoted.Append('\'').ToString();
    }
}

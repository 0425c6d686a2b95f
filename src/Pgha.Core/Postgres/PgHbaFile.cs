namespace Pgha.Core.Postgres;

/// <summary>pg_hba.conf as the agent writes it.</summary>
public static class PgHbaFile
{
    public static string Render(IEnumerable<string> lines) =>
        "# Written by pgha from the pg_hba settings; edits here are overwritten.\n" + string.Concat(lines.Select(l => l.Trim() + "\n"));

    /// <summary>
    /// Adds what the agent itself needs when absent: first-match socket lines for the superuser (the agent connects as it
    /// over the unix socket, for SQL and for IDENTIFY_SYSTEM on a replication connection, which "all" does not match) and,
    /// last so it never overrides the user's own rules, replication over TCP with scram.
    /// </summary>
    public static IReadOnlyList<string> WithAgentAccess(IEnumerable<string> lines, string superuser, string replicationUser)
    {
        List<string> result = lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        string[] local = [$"local all {Identifier(superuser)} scram-sha-256", $"local replication {Identifier(superuser)} scram-sha-256"];
        string replication = $"host replication {Identifier(replicationUser)} all scram-sha-256";
        result.InsertRange(0, local.Where(rule => !result.Any(l => SameRule(l, rule))).ToArray());
        if (!result.Any(l => SameRule(l, replication)))
        {
            result.Add(replication);
        }
        return result;
    }

    /// <summary>pg_hba user names with special characters must be double-quoted.</summary>
    private static string Identifier(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? name : $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static bool SameRule(string a, string b) =>
        a.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).SequenceEqual(b.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

using System.Globalization;

namespace Pgha.Core.Config;

/// <summary>
/// Checks the GUCs Patroni puts on the postmaster command line (patroni-compat §5.4): a bad value there
/// stops PostgreSQL from starting at all, so it is better refused when the file is read.
/// </summary>
internal static class GucRules
{
    private static readonly Dictionary<string, int> s_integerGucs = new(StringComparer.Ordinal)
    {
        ["max_connections"] = 100,
        ["max_wal_senders"] = 10,
        ["max_prepared_transactions"] = 0,
        ["max_locks_per_transaction"] = 64,
        ["max_replication_slots"] = 10,
        ["max_worker_processes"] = 8,
    };

    public static IReadOnlyDictionary<string, string>? Checked(ConfigSection section, string key)
    {
        IReadOnlyDictionary<string, string>? parameters = section.TextMap(key);
        foreach ((string name, string value) in parameters ?? new Dictionary<string, string>())
        {
            if (s_integerGucs.TryGetValue(name, out int example)
                && !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                section.Report.Error($"{section.PathOf(key)}.{name}", value, "is not an integer", $"use a whole number such as {example}");
            }
        }
        return parameters;
    }
}

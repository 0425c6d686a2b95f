using System.Globalization;
using Pgha.Core.Config;

namespace Pgha.Core.Postgres;

/// <summary>The GUCs the agent writes into postgresql.conf: defaults, then dynamic (DCS), then local, then what pgha owns.</summary>
public static class PostgresParameters
{
    private static readonly IReadOnlyDictionary<string, string> s_defaults = new Dictionary<string, string>
    {
        ["max_connections"] = "100",
        ["max_wal_senders"] = "10",
        ["max_replication_slots"] = "10",
        ["wal_keep_size"] = "128MB",
        ["wal_level"] = "replica",
        // A walreceiver that failed (leader stopped, slot not yet created on a new primary) retries after this; the
        // server's 5 s default would add up to 5 s to every switchover and failover for the replicas.
        ["wal_retrieve_retry_interval"] = "1s",
    };

    /// <summary>Replication needs at least this many senders and slots for a handful of members plus tools.</summary>
    private const int MinimumReplicationCapacity = 10;

    public static IReadOnlyDictionary<string, string> Effective(PghaConfig local, DynamicConfig dynamic)
    {
        var merged = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (IReadOnlyDictionary<string, string> layer in new[] { s_defaults, dynamic.Parameters, local.Postgresql.Parameters })
        {
            foreach ((string name, string value) in layer)
            {
                merged[name] = value;
            }
        }
        ListenAddress listen = ListenAddress.Parse(local.Postgresql.Listen);
        merged["listen_addresses"] = listen.ListenAddresses;
        merged["port"] = listen.Port.ToString(CultureInfo.InvariantCulture);
        merged["cluster_name"] = local.Scope;
        merged["hot_standby"] = "on";
        merged["wal_log_hints"] = "on";
        if (merged["wal_level"] != "logical")
        {
            merged["wal_level"] = "replica";
        }
        RaiseToAtLeast(merged, "max_wal_senders", MinimumReplicationCapacity);
        RaiseToAtLeast(merged, "max_replication_slots", MinimumReplicationCapacity);
        merged.TryAdd("unix_socket_directories", DefaultSocketDirectory(local.Postgresql.DataDir));
        return merged;
    }

    /// <summary>
    /// A socket directory of this instance's own (<c>&lt;data_dir&gt;.run</c>): the socket name depends only on the port, so
    /// instances that share a port on different addresses of one host need separate directories.
    /// </summary>
    public static string DefaultSocketDirectory(string dataDir) => dataDir.TrimEnd('/') + ".run";

    /// <summary>The first directory of <c>unix_socket_directories</c>, where the agent connects.</summary>
    public static string SocketDirectory(IReadOnlyDictionary<string, string> effective) =>
        effective["unix_socket_directories"].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[0];

    private static void RaiseToAtLeast(SortedDictionary<string, string> merged, string name, int minimum)
    {
        if (!int.TryParse(merged[name], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < minimum)
        {
            merged[name] = minimum.ToString(CultureInfo.InvariantCulture);
        }
    }
}

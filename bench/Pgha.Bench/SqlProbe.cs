using Npgsql;
using Pgha.Core.Cluster;

namespace Pgha.Bench;

/// <summary>Asks each node's PostgreSQL directly who is primary and who streams: the same truth for both systems.</summary>
public sealed class SqlProbe(IReadOnlyDictionary<string, string> addresses, string password)
{
    public string Password => password;

    /// <remarks>
    /// GSS encryption off (<see cref="NpgsqlGss"/>): on the 2026-11-27 machine Npgsql's default attempt stalled one login
    /// 5 s in every one of Patroni's switchovers (the longer outage makes more logins), 6 s instead of 1.3 s: the
    /// client's time, not the HA system's.
    /// </remarks>
    public string ConnectionString(string hosts, string targetSessionAttributes = "any") =>
        $"Host={hosts};Port=5432;Username=postgres;Password={password};Database=postgres;Pooling=false;Timeout=1;Command Timeout=2;{NpgsqlGss.Off};Target Session Attributes={targetSessionAttributes}";

    /// <summary>The multi-host writer string, as an application uses it.</summary>
    public string WriterConnectionString() => ConnectionString(string.Join(',', addresses.Values), "read-write") + ";Host Recheck Seconds=0";

    public string NodeAt(string address) => addresses.First(a => a.Value == address).Key;

    /// <summary>The writable node and how many replicas stream from it; null when no node is writable.</summary>
    public async Task<(string Leader, int Streaming)?> PrimaryAsync()
    {
        foreach ((string node, string address) in addresses)
        {
            try
            {
                await using var c = new NpgsqlConnection(ConnectionString(address));
                await c.OpenAsync();
                // Only members count: pg_basebackup's WAL stream also shows as 'streaming' while a replica is cloned.
                await using var cmd = new NpgsqlCommand(
                    "select not pg_is_in_recovery(), (select count(*) from pg_stat_replication where state = 'streaming' and application_name = any(@members))::int", c);
                cmd.Parameters.AddWithValue("members", addresses.Keys.ToArray());
                await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync();
                if (await r.ReadAsync() && r.GetBoolean(0))
                {
                    return (node, r.GetInt32(1));
                }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // down or starting: not the primary
            }
        }
        return null;
    }

    /// <summary>The names (application_name) of the replicas streaming from <paramref name="leader"/>.</summary>
    public async Task<IReadOnlyList<string>> StreamingReplicasAsync(string leader)
    {
        await using var c = new NpgsqlConnection(ConnectionString(addresses[leader]));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("select application_name from pg_stat_replication where state = 'streaming'", c);
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync();
        var names = new List<string>();
        while (await r.ReadAsync())
        {
            names.Add(r.GetString(0));
        }
        return names.Where(addresses.ContainsKey).ToList();
    }

    public async Task ExecuteAsync(string node, string sql)
    {
        await using var c = new NpgsqlConnection(ConnectionString(addresses[node]));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>How many of <paramref name="ids"/> the node holds.</summary>
    public async Task<long> CountPresentAsync(string node, long[] ids)
    {
        await using var c = new NpgsqlConnection(ConnectionString(addresses[node]));
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("select count(*) from bench_writes where id = any(@ids)", c);
        cmd.Parameters.AddWithValue("ids", ids);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}

using Npgsql;

namespace Pgha.Postgres;

/// <summary>
/// Keeps the primary's physical replication slots equal to its replicas: one per other member (so a replica that
/// falls behind never finds its WAL recycled), and none for members that left (so WAL is not kept forever).
/// Slots in use are never dropped.
/// </summary>
public static class ReplicationSlots
{
    /// <param name="connection">A local superuser connection (the probe's kept one).</param>
    public static async Task SyncAsync(NpgsqlConnection connection, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        Dictionary<string, bool> existing = await ListAsync(connection, ct);
        await CreateAsync(connection, wanted.Where(n => !existing.ContainsKey(n)), ct);
        foreach (string name in existing.Where(e => !e.Value && !wanted.Contains(e.Key)).Select(e => e.Key))
        {
            await ExecuteAsync(connection, "select pg_drop_replication_slot($1)", name, ct);
        }
    }

    /// <summary>Creates the wanted slots that do not exist, dropping nothing (a standby being promoted); returns how many it made.</summary>
    public static async Task<int> CreateMissingAsync(NpgsqlConnection connection, IReadOnlyCollection<string> wanted, CancellationToken ct)
    {
        Dictionary<string, bool> existing = await ListAsync(connection, ct);
        string[] missing = wanted.Where(n => !existing.ContainsKey(n)).ToArray();
        await CreateAsync(connection, missing, ct);
        return missing.Length;
    }

    /// <summary>Physical slots by name, and whether each is in use.</summary>
    private static async Task<Dictionary<string, bool>> ListAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var existing = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using var list = new NpgsqlCommand("select slot_name, active from pg_replication_slots where slot_type = 'physical'", connection);
        await using NpgsqlDataReader reader = await list.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            existing[reader.GetString(0)] = reader.GetBoolean(1);
        }
        return existing;
    }

    private static async Task CreateAsync(NpgsqlConnection connection, IEnumerable<string> names, CancellationToken ct)
    {
        foreach (string name in names)
        {
            await ExecuteAsync(connection, "select pg_create_physical_replication_slot($1, true)", name, ct);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, string slot, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(slot);
        await command.ExecuteNonQueryAsync(ct);
    }
}

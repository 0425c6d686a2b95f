using Npgsql;
using Pgha.Core.Verify;

namespace Pgha.Verify;

/// <summary>
/// Reads every member named in the DSN directly after the run. Waits (bounded) for the cluster to settle: every
/// member answers and exactly one is a writable primary; after the bound it reports what it could read.
/// </summary>
public sealed class VerifyReadBack(VerifyDsn dsn, VerifyTable table, TimeProvider clock)
{
    public async Task<IReadOnlyList<NodeContents>> ReadSettledAsync(TimeSpan settle, CancellationToken ct)
    {
        DateTimeOffset deadline = clock.GetUtcNow() + settle;
        IReadOnlyList<NodeContents> nodes = await ReadAllAsync(ct);
        while (!(nodes.All(n => n.Reachable) && nodes.Count(n => n.IsPrimary) == 1) && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            nodes = await ReadAllAsync(ct);
        }
        return nodes;
    }

    public async Task<IReadOnlyList<NodeContents>> ReadAllAsync(CancellationToken ct) =>
        await Task.WhenAll(dsn.Hosts.Select(h => ReadOneAsync(h.Host, h.Port, ct)));

    private async Task<NodeContents> ReadOneAsync(string host, int port, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(dsn.Member(host, port));
            await connection.OpenAsync(ct);
            (string server, bool primary, HashSet<long> values) = await table.ReadAsync(connection, ct);
            return new NodeContents(server, true, primary, values);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
        {
            return NodeContents.Unreachable($"{host}:{port}", e.Message);
        }
    }
}

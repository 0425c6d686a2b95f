using Microsoft.Extensions.Logging;
using Npgsql;
using Pgha.Agent;

namespace Pgha.Postgres;

/// <summary>
/// pg_rewind reads the source's timeline from its control file, which names the new timeline only after the first
/// checkpoint since the promotion. A promotion does not wait for that checkpoint (PostgreSQL spreads it out, and an
/// immediate one would compete with the clients' first commits), so the node about to rewind asks the source for it:
/// otherwise pg_rewind reports "no rewind required" and the replica then fails to start on the new timeline.
/// </summary>
internal static class RewindSourceCheckpoint
{
    // False on a standby: it is no rewind source, and pg_rewind says so itself.
    private const string Behind = $"""
        SELECT NOT pg_is_in_recovery() AND (SELECT timeline_id FROM pg_control_checkpoint())
               < {TimelineSql.Current}
        """;

    /// <summary>Best effort: a source that cannot be asked (no superuser login from here) is left to pg_rewind as it is.</summary>
    public static async Task EnsureAsync(PostgresInstance pg, Upstream source, ILogger logger, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder builder = pg.LocalConnectionString(timeoutSeconds: 5);
        builder.Host = source.Host;
        builder.Port = source.Port;
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(ct);
            await using var behind = new NpgsqlCommand(Behind, connection);
            if ((bool)(await behind.ExecuteScalarAsync(ct))!)
            {
                await pg.CheckpointAsync(connection, ct);
                logger.LogInformation("asked {Source} for a checkpoint: its control file still named the timeline before its promotion", source.Name);
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            logger.LogWarning("could not check that {Source} checkpointed since its promotion, rewinding anyway: {Error}", source.Name, e.Message);
        }
    }
}

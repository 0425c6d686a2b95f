using Npgsql;
using Npgsql.Replication;

namespace Pgha.Postgres;

/// <summary>
/// The timeline a standby replays, which no SQL function tells: IDENTIFY_SYSTEM on a replication connection to the
/// local server answers it on a standby. Costs a SCRAM login, so the probe asks only when no walreceiver streams.
/// </summary>
internal static class ReplayTimeline
{
    /// <summary>The replay timeline, or null when the server cannot say (the caller falls back on the control file's).</summary>
    public static async Task<int?> TryReadAsync(PostgresInstance pg, CancellationToken ct)
    {
        try
        {
            await using var replication = new PhysicalReplicationConnection(pg.LocalConnectionString().ConnectionString);
            await replication.Open(ct);
            ReplicationSystemIdentification system = await replication.IdentifySystem(ct);
            return system.Timeline > 0 ? (int)system.Timeline : null;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException && !ct.IsCancellationRequested)
        {
            // The login is refused (a pg_hba.conf written before it had a "local replication" line, every max_wal_senders
            // slot taken) or the server is stopping. The control file's timeline may lag but is never ahead, and a number
            // is needed for the member key; if the lag makes the follower rules stop this replica for a rewind, the
            // stopped instance's controldata then carries the replayed timeline and it restarts as a replica. The next
            // probe asks again.
            return null;
        }
    }
}

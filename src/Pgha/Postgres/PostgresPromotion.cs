using System.Data;
using Microsoft.Extensions.Logging;
using Npgsql;
using Pgha.Core.Postgres;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// Promotes the local standby in the order a waiting client feels least: ask for promotion with a signal (no pg_ctl
/// -w, which looks every 100 ms), watch <c>pg_is_in_recovery()</c> closely on the same connection, then create the
/// replicas' slots. Nothing else writes to disk while the server ends recovery (its new timeline's first segment is
/// a 16 MB copy with an fsync), and no CHECKPOINT follows while clients make their first commits: PostgreSQL requests
/// its own, and a node about to pg_rewind from here asks for one first (<see cref="RewindSourceCheckpoint"/>).
/// </summary>
/// <param name="probeConnection">An open connection to the server handed over by the probe (disposed here), or null.</param>
internal sealed class PostgresPromotion(PostgresInstance pg, NpgsqlConnection? probeConnection, ILogger logger)
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_normalOperationBound = TimeSpan.FromSeconds(2);

    /// <returns>Where the promotion left the old timeline, from the new one's history file; null when unreadable.</returns>
    public async Task<TimelineSwitch?> RunAsync(IReadOnlyCollection<string> replicaSlots, CancellationToken ct)
    {
        await using NpgsqlConnection? connection = await RequestAsync(ct);
        logger.LogInformation("promote requested");
        var wake = new RecoveryWake(pg.DataDir);
        if (!await BoundedPoll.UntilAsync(t => IsOutOfRecoveryAsync(connection, wake, t), pg.PgCtlTimeout, ct, s_interval))
        {
            throw new PghaException($"{pg.DataDir}: still in recovery {pg.PgCtlTimeout.TotalSeconds:0} s after the promote request; see {pg.LogFile}");
        }
        logger.LogInformation("PostgreSQL is out of recovery");
        // The slots' fsyncs wait until the postmaster has finished the promotion (its startup process exits, then
        // normal operation begins): nobody can use them before this promotion's cycle has published the new leader.
        await PostmasterReady.WaitForNormalOperationAsync(pg.DataDir, s_normalOperationBound, ct);
        await CreateSlotsAsync(connection, replicaSlots, ct);
        return await ReadSwitchAsync(connection, ct);
    }

    /// <summary>
    /// The new timeline's history file says which timeline was left and where; the probe before the promotion may know
    /// neither exactly (a race does not ask the server for its replay timeline). Best effort: the caller falls back
    /// to what the probe saw.
    /// </summary>
    private async Task<TimelineSwitch?> ReadSwitchAsync(NpgsqlConnection? kept, CancellationToken ct)
    {
        try
        {
            int timeline = 0;
            await OnConnectionAsync(kept, async c => timeline = await CurrentTimelineAsync(c, ct), ct);
            string file = Path.Combine(pg.DataDir, "pg_wal", TimelineSwitch.FileName(timeline));
            TimelineSwitch? left = TimelineSwitch.LastIn(await File.ReadAllTextAsync(file, ct));
            if (left is null)
            {
                logger.LogWarning("{File} names no timeline switch; the history key gets the probe's timeline", file);
            }
            return left;
        }
        catch (Exception e) when (e is NpgsqlException or IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("could not read the new timeline's history file; the history key gets the probe's timeline: {Error}", e.Message);
            return null;
        }
    }

    private static async Task<int> CurrentTimelineAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {TimelineSql.Current}", connection);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Runs <paramref name="work"/> on the promotion's connection while it is open, else on a fresh one.</summary>
    private async Task OnConnectionAsync(NpgsqlConnection? kept, Func<NpgsqlConnection, Task> work, CancellationToken ct)
    {
        if (kept is { State: ConnectionState.Open })
        {
            await work(kept);
            return;
        }
        await using NpgsqlConnection fresh = pg.LocalConnection();
        await fresh.OpenAsync(ct);
        await work(fresh);
    }

    /// <summary>
    /// Asks for the promotion on the probe's connection when it still works: a new one costs a fork and a SCRAM exchange
    /// while clients wait. Else on a new connection, else (the server refuses connections) through pg_ctl, which signals
    /// the same way. Returns the connection that asked, for the steps after; null after pg_ctl.
    /// </summary>
    private async Task<NpgsqlConnection?> RequestAsync(CancellationToken ct)
    {
        if (probeConnection is { State: ConnectionState.Open } probes)
        {
            if (await TryRequestOnAsync(probes, ct))
            {
                return probes;
            }
        }
        else if (probeConnection is not null)
        {
            await probeConnection.DisposeAsync();
        }
        NpgsqlConnection? fresh = await TryOpenAsync(ct);
        if (fresh is null)
        {
            var spec = new ProcessSpec(pg.Binaries.Tool("pg_ctl"), ["promote", "-D", pg.DataDir, "-W"]) { Timeout = TimeSpan.FromSeconds(30) };
            await pg.RunCheckedAsync(spec, $"see {pg.LogFile}", ct);
            return null;
        }
        if (!await TryRequestOnAsync(fresh, ct))
        {
            throw new PghaException($"{pg.DataDir}: the connection broke while asking for the promotion; see {pg.LogFile}");
        }
        return fresh;
    }

    /// <summary>
    /// False, with the connection disposed, when the connection broke (its backend terminated or gone); a refusal by the
    /// server on a working connection (not in recovery, no permission) throws.
    /// </summary>
    private async Task<bool> TryRequestOnAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await RequestOnAsync(connection, ct);
            return true;
        }
        catch (PostgresException e) when (!connection.FullState.HasFlag(ConnectionState.Broken))
        {
            await connection.DisposeAsync();
            throw new PghaException($"{pg.DataDir}: cannot promote: {e.MessageText}");
        }
        catch (NpgsqlException e)
        {
            logger.LogDebug("asking for the promotion failed on a connection, giving it up: {Error}", e.Message);
            await connection.DisposeAsync();
            return false;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task<NpgsqlConnection?> TryOpenAsync(CancellationToken ct)
    {
        NpgsqlConnection connection = pg.LocalConnection();
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (NpgsqlException)
        {
            await connection.DisposeAsync();
            return null;
        }
    }

    private async Task RequestOnAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_promote(wait => false)", connection);
        if (!(bool)(await command.ExecuteScalarAsync(ct))!)
        {
            throw new PghaException($"{pg.DataDir}: pg_promote could not signal the postmaster; see {pg.LogFile}");
        }
    }

    /// <summary>Best effort: a slot that could not be made now is made by the slot upkeep after the next cycle.</summary>
    private async Task CreateSlotsAsync(NpgsqlConnection? kept, IReadOnlyCollection<string> slots, CancellationToken ct)
    {
        if (slots.Count == 0)
        {
            return;
        }
        try
        {
            int created = 0;
            await OnConnectionAsync(kept, async c => created = await ReplicationSlots.CreateMissingAsync(c, slots, ct), ct);
            logger.LogInformation("replication slots for the other members ready ({Created} created)", created);
        }
        catch (NpgsqlException e)
        {
            logger.LogWarning("could not create the replicas' slots at promotion; the next cycle tries again: {Error}", e.Message);
        }
    }

    /// <summary>Whether recovery has ended; while not, the startup process is woken (<see cref="RecoveryWake"/>).</summary>
    private async Task<bool> IsOutOfRecoveryAsync(NpgsqlConnection? kept, RecoveryWake wake, CancellationToken ct)
    {
        try
        {
            bool inRecovery = true;
            await OnConnectionAsync(kept, async c =>
            {
                inRecovery = await InRecoveryAsync(c, ct);
                if (inRecovery)
                {
                    await wake.WakeIfDueAsync(c, ct);
                }
            }, ct);
            return !inRecovery;
        }
        catch (NpgsqlException)
        {
            // Promotion can briefly refuse connections; ask again.
            return false;
        }
    }

    private static async Task<bool> InRecoveryAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }
}

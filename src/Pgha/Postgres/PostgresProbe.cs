using Npgsql;
using Pgha.Agent;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;

namespace Pgha.Postgres;

/// <summary>
/// Looks at the local PostgreSQL: postmaster.pid and /proc for the process, SQL for a running server, pg_controldata for
/// a stopped one. A down, starting or hung server is a fact in the result, never an exception.
/// </summary>
/// <remarks>
/// The SQL connection is kept between probes: opening one costs a fork in the postmaster and a SCRAM exchange, which
/// was most of an idle agent's CPU. It is dropped on any failure and when the postmaster's pid changes, so a probe
/// never reads through a connection to a server that is gone. Not for concurrent use: the HA loop probes, one cycle
/// at a time, then the shutdown path after it.
/// </remarks>
public sealed class PostgresProbe(PostgresInstance pg) : IPostgresProbe, IAsyncDisposable
{
    /// <summary>Upper bound for the whole SQL look, above Npgsql's own 3 s connect and command timeouts.</summary>
    private static readonly TimeSpan s_queryBound = TimeSpan.FromSeconds(5);

    private NpgsqlConnection? _connection;
    private int _connectionPostmaster;
    private ReplayTimelineSeen? _replayTimeline;

    /// <summary>A probe that learns a replica's replay timeline exactly.</summary>
    public Task<LocalPostgres> ProbeAsync(CancellationToken ct) => ProbeAsync(ReplayTimelineDetail.Exact, ct);

    public async Task<LocalPostgres> ProbeAsync(ReplayTimelineDetail detail, CancellationToken ct)
    {
        if (!pg.HasDataDirectory)
        {
            await DropConnectionAsync();
            return LocalPostgres.NoData;
        }
        if (PostmasterProcess.AlivePid(pg.DataDir) is not int pid)
        {
            await DropConnectionAsync();
            return await StoppedAsync(ct);
        }
        if (PostmasterProcess.IsSuspended(pid))
        {
            // A stopped (SIGSTOP) postmaster accepts no new connection, while the kept one, served by its own backend,
            // would still answer: clients cannot reach the server, so it counts as hung.
            await DropConnectionAsync();
            return new LocalPostgres { RunState = PostgresRunState.NotResponding };
        }
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(s_queryBound);
        bool reused = _connection is not null && _connectionPostmaster == pid;
        try
        {
            return await QueryAsync(pid, detail, bound.Token);
        }
        catch (NpgsqlException e) when (reused && e is not PostgresException && !IsTimeout(e) && !bound.IsCancellationRequested)
        {
            // The kept connection broke (the server dropped idle sessions, a backend was killed): try once on a new one.
            return await ProbeFreshAsync(pid, detail, bound, ct);
        }
        catch (Exception e) when (IsProbeFailure(e))
        {
            return await FailedAsync(e, ct);
        }
    }

    public ValueTask DisposeAsync() => DropConnectionAsync();

    /// <summary>
    /// Hands the kept connection (if any) to the caller, who then owns and disposes it; the next probe opens a new one.
    /// A promotion takes it so that the promote request does not wait for a fork and a SCRAM exchange.
    /// </summary>
    public NpgsqlConnection? TakeKeptConnection()
    {
        NpgsqlConnection? connection = _connection;
        _connection = null;
        return connection;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the connection the last probe used and kept, so work that follows the probe in
    /// the same cycle (the WAL write check, slot upkeep) opens no connection of its own: each new one costs a fork and a
    /// SCRAM exchange. False when there is none (the probe failed or found no server). A failure other than a plain
    /// SQL error (timeout, broken socket) drops the connection, as a failed probe does.
    /// </summary>
    public async Task<bool> UseKeptConnectionAsync(Func<NpgsqlConnection, Task> work)
    {
        if (_connection is not { } connection)
        {
            return false;
        }
        try
        {
            await work(connection);
            return true;
        }
        catch (Exception e) when (e is not PostgresException)
        {
            await DropConnectionAsync();
            throw;
        }
    }

    private async Task<LocalPostgres> ProbeFreshAsync(int pid, ReplayTimelineDetail detail, CancellationTokenSource bound, CancellationToken ct)
    {
        try
        {
            return await QueryAsync(pid, detail, bound.Token);
        }
        catch (Exception e) when (IsProbeFailure(e))
        {
            return await FailedAsync(e, ct);
        }
    }

    private async Task<LocalPostgres> QueryAsync(int pid, ReplayTimelineDetail detail, CancellationToken ct)
    {
        try
        {
            if (_connection is null || _connectionPostmaster != pid)
            {
                await DropConnectionAsync();
                NpgsqlConnection connection = pg.LocalConnection();
                _connection = connection;
                _connectionPostmaster = pid;
                await connection.OpenAsync(ct);
            }
            LocalPostgres status = await ProbeQueries.ReadAsync(_connection, ct);
            if (!status.InRecovery)
            {
                return status;
            }
            if (status.IsStreaming)
            {
                // Remembered for a race after the stream ends. It is the timeline the walreceiver writes, which the
                // replay may not have reached yet, so it does not stand for the replayed one when exactness is asked.
                _replayTimeline = new ReplayTimelineSeen(pid, status.ReplayedLsn, status.Timeline, Replayed: false);
                return status;
            }
            return status with { Timeline = await ReplayTimelineAsync(pid, status, detail, ct) };
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
    }

    /// <summary>
    /// The replayed timeline changes only with the replayed position (a record of the new timeline is replayed), so an
    /// answer stays true for as long as this postmaster's replay has not moved. A replica whose leader died asks once,
    /// not again in each cycle until the key expires, nor in the cycle that then promotes it. In a race
    /// (<see cref="ReplayTimelineDetail.LastKnown"/>) it does not ask: after a switchover the stream ended with the old
    /// primary's shutdown and the replay moved, and a replication login (a fork and a SCRAM exchange) would delay the
    /// candidate while clients wait.
    /// </summary>
    private async Task<int> ReplayTimelineAsync(int pid, LocalPostgres status, ReplayTimelineDetail detail, CancellationToken ct)
    {
        if (_replayTimeline is { } seen && seen.Postmaster == pid
            && ((seen.Replayed && seen.ReplayedLsn == status.ReplayedLsn) || detail == ReplayTimelineDetail.LastKnown))
        {
            return seen.Timeline;
        }
        if (detail == ReplayTimelineDetail.LastKnown)
        {
            return status.Timeline;
        }
        int? timeline = await ReplayTimeline.TryReadAsync(pg, ct);
        _replayTimeline = timeline is int known ? new ReplayTimelineSeen(pid, status.ReplayedLsn, known, Replayed: true) : null;
        return timeline ?? status.Timeline;
    }

    /// <param name="Replayed">True when the server said it replays this timeline; false for a walreceiver's timeline.</param>
    private sealed record ReplayTimelineSeen(int Postmaster, long? ReplayedLsn, int Timeline, bool Replayed);

    private async ValueTask DropConnectionAsync()
    {
        NpgsqlConnection? connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
    }

    private static bool IsProbeFailure(Exception e) => IsTimeout(e) || e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification,
        NpgsqlException => true,
        _ => false,
    };

    private async Task<LocalPostgres> FailedAsync(Exception e, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        return e switch
        {
            _ when IsTimeout(e) => new LocalPostgres { RunState = PostgresRunState.NotResponding },
            PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow } => new LocalPostgres { RunState = PostgresRunState.Starting },
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } p =>
                throw new PghaException($"local PostgreSQL refused the superuser {pg.Config.Postgresql.Superuser.Username} ({p.SqlState}); check postgresql.authentication.superuser and pg_hba.conf's local line"),
            // The socket is not there yet (starting) or just went away (stopping): decide by the process.
            _ => PostmasterProcess.AlivePid(pg.DataDir) is null ? await StoppedAsync(ct) : new LocalPostgres { RunState = PostgresRunState.Starting },
        };
    }

    private static bool IsTimeout(Exception e) =>
        e is TimeoutException or OperationCanceledException || e.InnerException is TimeoutException or OperationCanceledException;

    private async Task<LocalPostgres> StoppedAsync(CancellationToken ct)
    {
        bool standby = File.Exists(Path.Combine(pg.DataDir, "standby.signal"));
        ControlData control;
        try
        {
            control = await pg.ReadControlDataAsync(ct);
        }
        catch (Exception e) when (e is PostgresCommandException or FormatException)
        {
            // Facts, not failures: the rules decide what an unreadable control file means.
            return LocalPostgres.StoppedInstance with { InRecovery = standby, ClusterState = $"unreadable: {e.Message}" };
        }
        return new LocalPostgres
        {
            RunState = PostgresRunState.Stopped,
            InRecovery = standby,
            Timeline = control.WalTimeline,
            WalPosition = control.WalPosition,
            SystemIdentifier = control.SystemIdentifier,
            ClusterState = control.ClusterState,
        };
    }
}

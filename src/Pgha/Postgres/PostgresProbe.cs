using Npgsql;
using Pgha.Agent;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;

namespace Pgha.Postgres;

/// <summary>
/// Looks at the local PostgreSQL: postmaster.pid and /proc for the process, SQL for a running server, pg_controldata for
/// a stopped one. A down, starting or hung server is a fact in the result, never an exception.
/// </summary>
public sealed class PostgresProbe(PostgresInstance pg) : IPostgresProbe
{
    /// <summary>Upper bound for the whole SQL look, above Npgsql's own 3 s connect and command timeouts.</summary>
    private static readonly TimeSpan s_queryBound = TimeSpan.FromSeconds(5);

    public async Task<LocalPostgres> ProbeAsync(CancellationToken ct)
    {
        if (!pg.HasDataDirectory)
        {
            return LocalPostgres.NoData;
        }
        if (PostmasterProcess.AlivePid(pg.DataDir) is null)
        {
            return await StoppedAsync(ct);
        }
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(s_queryBound);
        try
        {
            await using NpgsqlConnection connection = pg.LocalConnection();
            await connection.OpenAsync(bound.Token);
            return await ProbeQueries.ReadAsync(connection, bound.Token);
        }
        catch (Exception e) when (IsTimeout(e) && !ct.IsCancellationRequested)
        {
            return new LocalPostgres { RunState = PostgresRunState.NotResponding };
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CannotConnectNow)
        {
            return new LocalPostgres { RunState = PostgresRunState.Starting };
        }
        catch (NpgsqlException e) when (e is not PostgresException)
        {
            // The socket is not there yet (starting) or just went away (stopping): decide by the process.
            return PostmasterProcess.AlivePid(pg.DataDir) is null ? await StoppedAsync(ct) : new LocalPostgres { RunState = PostgresRunState.Starting };
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification)
        {
            throw new PghaException($"local PostgreSQL refused the superuser {pg.Config.Postgresql.Superuser.Username} ({e.SqlState}); check postgresql.authentication.superuser and pg_hba.conf's local line");
        }
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
            Timeline = control.Timeline,
            WalPosition = control.WalPosition,
            SystemIdentifier = control.SystemIdentifier,
            ClusterState = control.ClusterState,
        };
    }
}

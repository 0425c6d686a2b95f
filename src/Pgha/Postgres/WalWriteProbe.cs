using Npgsql;
using Pgha.Agent;
using Pgha.Core.Ha;

namespace Pgha.Postgres;

/// <summary>
/// The ordinary probe plus a gray-failure check on a running primary, once per cycle, in two steps through the server
/// itself (so as the postgres user, with no extra process, whatever user the agent runs as):
/// 1. <c>COPY (SELECT 1) TO '&lt;data&gt;/pg_wal/pgha.writecheck'</c>: the server creates a file in pg_wal. A read-only or
///    full file system, or a pg_wal that lost its permissions, fails here with a plain ERROR (42501, 53100, 58030).
///    Verified by hand: with pg_wal at 0500, this ERRORs while the server stays up; a commit instead lets the first
///    process that opens a WAL segment PANIC, and the server then loops in crash recovery.
/// 2. a commit: <c>txid_current()</c> assigns a transaction id, so COMMIT writes and flushes a commit record without
///    any table; <c>synchronous_commit = local</c> keeps synchronous standbys out of it. COPY does not fsync, so
///    only this step times out on a disk whose writes hang.
/// The file (two bytes, overwritten each cycle) is not a WAL segment name; PostgreSQL ignores it and pg_basebackup
/// does not copy pg_wal's contents.
/// </summary>
public sealed class WalWriteProbe(IPostgresProbe inner, PostgresInstance pg) : IPostgresProbe
{
    /// <summary>Above Npgsql's 3 s command timeout: the whole check, connecting included.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(5);

    private const string CommitSql = "BEGIN; SET LOCAL synchronous_commit = local; SELECT txid_current(); COMMIT";

    public async Task<LocalPostgres> ProbeAsync(CancellationToken ct)
    {
        LocalPostgres local = await inner.ProbeAsync(ct);
        if (!local.IsRunningPrimary)
        {
            return local;
        }
        (WalWriteCheck check, string? error) = await CheckAsync(ct);
        return local with { WalWrite = check, WalWriteError = error };
    }

    private async Task<(WalWriteCheck, string?)> CheckAsync(CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(s_bound);
        try
        {
            await using NpgsqlConnection connection = pg.LocalConnection();
            await connection.OpenAsync(bound.Token);
            string file = Path.Combine(pg.DataDir, "pg_wal", "pgha.writecheck").Replace("'", "''", StringComparison.Ordinal);
            await using (var copy = new NpgsqlCommand($"COPY (SELECT 1) TO '{file}'", connection))
            {
                await copy.ExecuteNonQueryAsync(bound.Token);
            }
            await using var commit = new NpgsqlCommand(CommitSql, connection);
            await commit.ExecuteNonQueryAsync(bound.Token);
            return (WalWriteCheck.Succeeded, null);
        }
        catch (PostgresException e) when (IsStorageFailure(e))
        {
            return (WalWriteCheck.Failed, $"{e.Severity} {e.SqlState}: {e.MessageText}");
        }
        catch (Exception e) when (IsTimeout(e) && !ct.IsCancellationRequested)
        {
            return (WalWriteCheck.TimedOut, null);
        }
        catch (NpgsqlException)
        {
            // Shutting down, restarting after another backend's crash, just demoted: the ordinary probe reports those.
            return (WalWriteCheck.NotChecked, null);
        }
    }

    /// <summary>
    /// PANIC (PostgreSQL gave up on its WAL), class 53 (disk full, out of resources), class 58 (I/O error, missing file),
    /// 42501 (a file-access EACCES surfaces as insufficient_privilege; our superuser lacks no SQL privilege), XX001
    /// (data corrupted). Anything else, such as a read-only transaction during a role change, says nothing of the disk.
    /// </summary>
    private static bool IsStorageFailure(PostgresException e) =>
        e.InvariantSeverity == "PANIC" || e.SqlState.StartsWith("53", StringComparison.Ordinal) || e.SqlState.StartsWith("58", StringComparison.Ordinal)
        || e.SqlState is "42501" or "XX001";

    private static bool IsTimeout(Exception e) =>
        e is TimeoutException or OperationCanceledException || e.InnerException is TimeoutException or OperationCanceledException;
}

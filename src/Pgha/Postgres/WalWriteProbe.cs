using Npgsql;
using Pgha.Agent;
using Pgha.Core.Ha;

namespace Pgha.Postgres;

/// <summary>
/// The ordinary probe plus a gray-failure check on a running server, once per cycle, in two steps:
/// 1. <c>COPY (SELECT 1) TO '&lt;data&gt;/pg_wal/pgha.writecheck'</c> on the probe's kept connection: the server, as the
///    postgres user, rewrites a file in pg_wal. A read-only or full file system, or a pg_wal that lost its
///    permissions, fails here with a plain ERROR (42501, 53100, 58030). Verified by hand: with pg_wal at 0500, this
///    ERRORs while the server stays up; a commit instead lets the first process that opens a WAL segment PANIC, and the
///    server then loops in crash recovery.
/// 2. on a primary, the agent rewrites the same file and fsyncs it, on a pool thread, bounded in time: COPY does not
///    fsync, and a disk whose writes hang shows only on a sync. A sync that still hangs from an earlier cycle counts as
///    timed out without starting another.
/// A replica runs step 1 only (COPY TO is allowed on a hot standby): a member whose pg_wal refuses writes must not win
/// a leader race, since its promotion could never finish, but the race is on the clients' critical path and a sync
/// can take tens of milliseconds on a busy disk. A primary that stepped down for this fault restarts as a replica and
/// keeps failing step 1 until the directory is mended, which is what keeps it out of the race.
/// Neither step writes WAL: an idle primary's WAL position stays put, so the member and optime keys stay unchanged
/// between cycles (a commit per cycle used to rewrite them, and the replicas' keys with them, every cycle). The file
/// (two bytes) is not a WAL segment name; PostgreSQL ignores it and pg_basebackup does not copy pg_wal's contents.
/// </summary>
public sealed class WalWriteProbe(PostgresProbe inner, PostgresInstance pg) : IPostgresProbe
{
    /// <summary>Above Npgsql's 3 s command timeout: the whole check.</summary>
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(5);

    private Task? _sync;

    public async Task<LocalPostgres> ProbeAsync(ReplayTimelineDetail detail, CancellationToken ct)
    {
        LocalPostgres local = await inner.ProbeAsync(detail, ct);
        if (!local.IsRunning)
        {
            return local;
        }
        (WalWriteCheck check, string? error) = await CheckAsync(syncToo: !local.InRecovery, ct);
        return local with { WalWrite = check, WalWriteError = error };
    }

    private async Task<(WalWriteCheck, string?)> CheckAsync(bool syncToo, CancellationToken ct)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bound.CancelAfter(s_bound);
        string file = Path.Combine(pg.DataDir, "pg_wal", "pgha.writecheck");
        try
        {
            string copy = $"COPY (SELECT 1) TO '{file.Replace("'", "''", StringComparison.Ordinal)}'";
            if (!await inner.UseKeptConnectionAsync(async c =>
            {
                await using var command = new NpgsqlCommand(copy, c);
                await command.ExecuteNonQueryAsync(bound.Token);
            }))
            {
                return (WalWriteCheck.NotChecked, null);
            }
            if (!syncToo)
            {
                return (WalWriteCheck.Succeeded, null);
            }
            if (_sync is { IsCompleted: false })
            {
                return (WalWriteCheck.TimedOut, null);
            }
            _sync = Task.Run(() => WriteAndSync(file), CancellationToken.None);
            await _sync.WaitAsync(bound.Token);
            return (WalWriteCheck.Succeeded, null);
        }
        catch (PostgresException e) when (IsStorageFailure(e))
        {
            return (WalWriteCheck.Failed, $"{e.Severity} {e.SqlState}: {e.MessageText}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (WalWriteCheck.Failed, $"writing and syncing {file}: {e.Message}");
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

    private static void WriteAndSync(string path)
    {
        // Truncating an existing file keeps its owner (postgres), whoever the agent runs as.
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite);
        file.Write("1\n"u8);
        file.Flush(flushToDisk: true);
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

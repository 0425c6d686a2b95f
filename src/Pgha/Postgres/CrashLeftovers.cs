namespace Pgha.Postgres;

/// <summary>What a killed postmaster leaves behind that would stop the next start.</summary>
internal static class CrashLeftovers
{
    /// <summary>
    /// Waits for the dead postmaster's backends to exit (they do so on their own within moments, and a new postmaster
    /// refuses to start while they hold shared memory), then removes stale lock files (postmaster.pid, the socket's
    /// .lock): a dead postmaster nobody has reaped yet (a zombie, as under a container's init) still answers
    /// kill(pid, 0), and PostgreSQL would take it for a running server.
    /// </summary>
    public static async Task ClearAsync(PostgresInstance pg, CancellationToken ct)
    {
        bool gone = await BoundedPoll.UntilAsync(_ => Task.FromResult(!DataDirectoryUsers.AnyWorkingIn(pg.DataDir)), pg.PgCtlTimeout, ct);
        if (!gone)
        {
            throw new PghaException($"{pg.DataDir}: processes of a dead postmaster still run there after {pg.PgCtlTimeout.TotalSeconds:0} s; kill them (ps -u postgres) and start again");
        }
        string socketLock = Path.Combine(pg.SocketDirectory, $".s.PGSQL.{pg.Port}.lock");
        foreach (string lockFile in new[] { Path.Combine(pg.DataDir, "postmaster.pid"), socketLock })
        {
            if (PostmasterProcess.ReadPidFile(lockFile) is int stale && !PostmasterProcess.IsAlive(stale))
            {
                File.Delete(lockFile);
            }
        }
    }
}

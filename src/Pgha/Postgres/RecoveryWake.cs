using System.Diagnostics;
using Npgsql;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// Wakes PostgreSQL's startup process while a promotion waits for the end of recovery.
/// </summary>
/// <remarks>
/// PostgreSQL 15 takes a promote request and then may sleep out the rest of <c>wal_retrieve_retry_interval</c>
/// before it acts on it: the request wakes the startup process from its wait for streamed WAL, which then counts
/// streaming as failed and, before it looks in pg_wal (and only after that ends recovery), waits until the retry
/// interval has passed since the last failure. After a switchover the walreceiver failed moments before (the old
/// primary ended the stream), so nearly the whole interval is slept ("received promote request", then "waiting for
/// WAL to become available", seen in the benches: up to 1 s as pgha sets it, 5 s with PostgreSQL's default).
/// The startup process's promote signal (SIGUSR2) sets the latch that sleep waits on, and changes nothing else once
/// the promotion is under way, so it is sent every 20 ms until recovery ends, the first time at once: pg_promote has
/// written the promote file, and the signal then reaches the startup process without the postmaster's relay. A reload (SIGHUP) would wake it too,
/// but makes the postmaster and every child re-read the configuration: sent every 20 ms it slowed the promotion it
/// was meant to speed up. It remains the fallback, every 100 ms, when the startup process cannot be found.
/// </remarks>
internal sealed class RecoveryWake
{
    private static readonly TimeSpan s_signalEvery = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_reloadEvery = TimeSpan.FromMilliseconds(100);

    private readonly Stopwatch _since = new();
    private readonly (int Postmaster, int Startup)? _startup;

    public RecoveryWake(string dataDir)
    {
        if (PostmasterProcess.AlivePid(dataDir) is int postmaster && PostmasterProcess.ChildrenOfKind(postmaster, "startup") is [int startup])
        {
            _startup = (postmaster, startup);
        }
    }

    /// <summary>Wakes the startup process when the last wake is old enough; <paramref name="connection"/> serves the fallback.</summary>
    public async Task WakeIfDueAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (_startup is { } target)
        {
            // Only while it is still this postmaster's child: a pid that exited may already name another process.
            if ((!_since.IsRunning || _since.Elapsed >= s_signalEvery) && PostmasterProcess.IsChildOf(target.Startup, target.Postmaster))
            {
                Signals.Send(target.Startup, Signals.SigUsr2);
                _since.Restart();
            }
            return;
        }
        if (!_since.IsRunning || _since.Elapsed >= s_reloadEvery)
        {
            await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
            await reload.ExecuteScalarAsync(ct);
            _since.Restart();
        }
    }
}

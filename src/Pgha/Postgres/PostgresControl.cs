using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pgha.Agent;
using Pgha.Core.Ha;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Starts, stops, promotes and repoints the local PostgreSQL through pg_ctl, as the data directory's owner.</summary>
public sealed class PostgresControl(PostgresInstance pg, ILogger? logger = null) : IPostgresControl
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ConfigFiles _files = new(pg);
    /// <summary>The upstream of the last start or follow, so a reload keeps the replica pointed where it was.</summary>
    private Upstream? _upstream;

    /// <summary>How long an immediate stop (SIGQUIT) may take before the instance is killed outright.</summary>
    private const string ImmediateStopSeconds = "5";

    public async Task StartAsync(StartRole role, Upstream? upstream, CancellationToken ct)
    {
        if (!pg.HasDataDirectory)
        {
            throw new PghaException($"{pg.DataDir}: not a PostgreSQL data directory (no PG_VERSION); bootstrap or clone it first");
        }
        if (PostmasterProcess.AlivePid(pg.DataDir) is int pid)
        {
            throw new PghaException($"{pg.DataDir}: PostgreSQL already runs (postmaster pid {pid}); stop it before starting it as {role}");
        }
        pg.EnsureRunDirectory();
        pg.EnsureDirectory(pg.SocketDirectory, UnixFiles.Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        if (role == StartRole.Replica)
        {
            _files.SynchronousStandbyNames = null;
        }
        _files.Write(role, upstream);
        _upstream = upstream;
        await CrashLeftovers.ClearAsync(pg, ct);
        await PgCtlStartAsync(ct);
    }

    public async Task StopAsync(DemoteMode mode, CancellationToken ct)
    {
        if (PostmasterProcess.AlivePid(pg.DataDir) is not int pid)
        {
            return;
        }
        if (PostmasterProcess.IsSuspended(pid))
        {
            // SIGSTOPped: pg_ctl's signal would wait in vain while the backends keep committing for their clients.
            InstanceKill.Kill(pid);
            await new PostmasterWatch(pg.DataDir).WaitForExitAsync(ct);
            return;
        }
        if (mode == DemoteMode.Graceful)
        {
            await CheckpointAsync(ct);
            _logger.LogInformation("checkpoint before stopping done");
        }
        bool immediate = mode is DemoteMode.Immediate or DemoteMode.ImmediateNoLock;
        // An immediate stop is a demotion of a failed or unwanted primary: it must end quickly, not after pg_ctl_timeout.
        string timeout = immediate ? ImmediateStopSeconds : pg.PgCtlTimeoutSeconds;
        _logger.LogInformation("stopping PostgreSQL (-m {Mode})", immediate ? "immediate" : "fast");
        ProcessResult result = await PgCtlAsync(["stop", "-D", pg.DataDir, "-m", immediate ? "immediate" : "fast", "-w", "-t", timeout], ct);
        if (!result.Succeeded && PostmasterProcess.IsAlive(pid))
        {
            // A stop that did not finish in time must still end in a stopped server: escalate to SIGQUIT, then SIGKILL
            // of the postmaster and every backend.
            if (!immediate)
            {
                await PgCtlAsync(["stop", "-D", pg.DataDir, "-m", "immediate", "-w", "-t", ImmediateStopSeconds], ct);
            }
            if (PostmasterProcess.IsAlive(pid))
            {
                InstanceKill.Kill(pid);
            }
        }
        await new PostmasterWatch(pg.DataDir).WaitForExitAsync(ct);
        _logger.LogInformation("PostgreSQL stopped");
    }

    public async Task PromoteAsync(CancellationToken ct)
    {
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_ctl"), ["promote", "-D", pg.DataDir, "-w", "-t", pg.PgCtlTimeoutSeconds]) { Timeout = pg.PgCtlTimeout + TimeSpan.FromSeconds(10) };
        _logger.LogInformation("promote requested");
        await pg.RunCheckedAsync(spec, $"see {pg.LogFile}", ct);
        await WaitUntilOutOfRecoveryAsync(ct);
        _logger.LogInformation("PostgreSQL is out of recovery");
    }

    public async Task FollowAsync(Upstream upstream, CancellationToken ct)
    {
        _files.SynchronousStandbyNames = null;
        _files.Write(StartRole.Replica, upstream);
        _upstream = upstream;
        // primary_conninfo and primary_slot_name are reloadable since PostgreSQL 13: the walreceiver restarts on its own.
        if (PostmasterProcess.AlivePid(pg.DataDir) is not null)
        {
            await ReloadConfigAsync(ct);
        }
    }

    /// <summary>Running: rewrite the config in its current role and reload. Dead (crash): start again as it was, files untouched.</summary>
    public async Task ReloadAsync(CancellationToken ct)
    {
        StartRole role = _files.HasStandbySignal ? StartRole.Replica : StartRole.Primary;
        if (PostmasterProcess.AlivePid(pg.DataDir) is not null)
        {
            if (role == StartRole.Primary || _upstream is not null)
            {
                _files.Write(role, _upstream);
            }
            await ReloadConfigAsync(ct);
            return;
        }
        pg.EnsureRunDirectory();
        await CrashLeftovers.ClearAsync(pg, ct);
        await PgCtlStartAsync(ct);
    }

    public async Task SetSynchronousStandbyNamesAsync(string? value, CancellationToken ct)
    {
        _files.SynchronousStandbyNames = value;
        if (PostmasterProcess.AlivePid(pg.DataDir) is null)
        {
            return;
        }
        // A replica about to promote may not know its upstream (agent restarted): it holds the key, nothing to stream from.
        _files.Write(_files.HasStandbySignal ? StartRole.Replica : StartRole.Primary, _upstream);
        await ReloadConfigAsync(ct);
    }

    private async Task PgCtlStartAsync(CancellationToken ct)
    {
        // -l: the postmaster must not inherit our pipes, or reading pg_ctl's output would wait for the server to exit.
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_ctl"), ["start", "-D", pg.DataDir, "-w", "-t", pg.PgCtlTimeoutSeconds, "-l", pg.LogFile])
        {
            Timeout = pg.PgCtlTimeout + TimeSpan.FromSeconds(10),
        };
        try
        {
            await pg.RunCheckedAsync(spec, $"see {pg.LogFile}", ct);
        }
        catch (PostgresCommandException e)
        {
            // pg_ctl only says "examine the log output": the server's own last words are the useful part.
            throw new PostgresCommandException($"{e.Message}; it ends: {LastLogLine()}");
        }
    }

    /// <summary>The last FATAL/PANIC line of this start's log (a clean "shut down" line follows it), else the last line.</summary>
    private string LastLogLine()
    {
        if (!File.Exists(pg.LogFile))
        {
            return "(no log)";
        }
        string[] lines = File.ReadLines(pg.LogFile).TakeLast(50).Where(l => l.Trim().Length > 0).ToArray();
        return (lines.LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("PANIC:", StringComparison.Ordinal))
            ?? lines.LastOrDefault() ?? "(empty)").Trim();
    }

    private async Task ReloadConfigAsync(CancellationToken ct)
    {
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_ctl"), ["reload", "-D", pg.DataDir]) { Timeout = TimeSpan.FromSeconds(30) };
        await pg.RunCheckedAsync(spec, $"see {pg.LogFile}", ct);
    }

    private Task<ProcessResult> PgCtlAsync(IReadOnlyList<string> arguments, CancellationToken ct) =>
        pg.RunAsync("pg_ctl", arguments, pg.PgCtlTimeout + TimeSpan.FromSeconds(10), ct);

    /// <summary>A checkpoint before a fast stop makes the shutdown checkpoint short; if it fails, the stop still checkpoints.</summary>
    private async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            await using NpgsqlConnection connection = pg.LocalConnection(timeoutSeconds: 3);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SET statement_timeout = 0; CHECKPOINT", connection) { CommandTimeout = (int)pg.PgCtlTimeout.TotalSeconds };
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException)
        {
            // Not answering: the shutdown checkpoint of the fast stop below does the same work, only later.
        }
    }

    private async Task WaitUntilOutOfRecoveryAsync(CancellationToken ct)
    {
        if (!await BoundedPoll.UntilAsync(IsOutOfRecoveryAsync, pg.PgCtlTimeout, ct))
        {
            throw new PghaException($"{pg.DataDir}: still in recovery {pg.PgCtlTimeout.TotalSeconds:0} s after pg_ctl promote; see {pg.LogFile}");
        }
    }

    private async Task<bool> IsOutOfRecoveryAsync(CancellationToken ct)
    {
        try
        {
            await using NpgsqlConnection connection = pg.LocalConnection();
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
            return !(bool)(await command.ExecuteScalarAsync(ct))!;
        }
        catch (NpgsqlException)
        {
            // Promotion can briefly refuse connections; ask again.
            return false;
        }
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pgha.Agent;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Starts, stops, promotes and repoints the local PostgreSQL through pg_ctl, as the data directory's owner.</summary>
public sealed class PostgresControl(PostgresInstance pg, ILogger? logger = null) : IPostgresControl
{
    /// <summary>Where a promotion gets an open connection to start from (the probe's kept one), or none.</summary>
    public Func<NpgsqlConnection?> TakeConnection { get; init; } = () => null;

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly ConfigFiles _files = new(pg);
    /// <summary>The upstream of the last start or follow, so a reload keeps the replica pointed where it was.</summary>
    private Upstream? _upstream;
    /// <summary>The running postmaster has read the config files as they are on disk: started or reloaded since they changed.</summary>
    private bool _filesRead;

    /// <summary>How long an immediate stop (SIGQUIT) may take before the instance is killed outright.</summary>
    private static readonly TimeSpan s_immediateStop = TimeSpan.FromSeconds(5);

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
        WriteFiles(role, upstream);
        _upstream = upstream;
        await CrashLeftovers.ClearAsync(pg, ct);
        await PgCtlStartAsync(ct);
    }

    public Task StopAsync(DemoteMode mode, CancellationToken ct) => StopAsync(mode, null, null, ct);

    public async Task StopAndHandOverAsync(string? candidate, Func<CancellationToken, Task> handOver, CancellationToken ct)
    {
        if (!await StopAsync(DemoteMode.Graceful, candidate, handOver, ct))
        {
            await handOver(ct);
        }
    }

    /// <returns>True when <paramref name="handOver"/> ran before the postmaster exited.</returns>
    private async Task<bool> StopAsync(DemoteMode mode, string? candidate, Func<CancellationToken, Task>? handOver, CancellationToken ct)
    {
        if (PostmasterProcess.AlivePid(pg.DataDir) is not int pid)
        {
            return false;
        }
        if (PostmasterProcess.IsSuspended(pid))
        {
            // SIGSTOPped: pg_ctl's signal would wait in vain while the backends keep committing for their clients.
            InstanceKill.Kill(pid);
            await new PostmasterWatch(pg.DataDir).WaitForExitAsync(ct);
            return false;
        }
        int? candidateWalsender = null;
        if (mode == DemoteMode.Graceful)
        {
            candidateWalsender = await CheckpointAsync(candidate, ct);
            _logger.LogInformation("checkpoint before stopping done");
        }
        bool immediate = mode is DemoteMode.Immediate or DemoteMode.ImmediateNoLock;
        _logger.LogInformation("stopping PostgreSQL (-m {Mode})", immediate ? "immediate" : "fast");
        // The signal pg_ctl stop sends (SIGINT fast, SIGQUIT immediate), sent directly: pg_ctl then polls the pid file
        // every 100 ms, while the pidfd below sees the postmaster's exit the moment it happens.
        Signals.Send(pid, immediate ? Signals.SigQuit : Signals.SigInt);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<bool> handedOver = handOver is null ? Task.FromResult(false) : HandOverEarlyAsync(pid, candidateWalsender, handOver, stopping.Token, ct);
        try
        {
            await WaitForStopAsync(pid, immediate, ct);
        }
        finally
        {
            // The early hand-over's watch ends with the postmaster (a hand-over already under way finishes).
            await stopping.CancelAsync();
        }
        return await handedOver;
    }

    private async Task WaitForStopAsync(int pid, bool immediate, CancellationToken ct)
    {
        // An immediate stop is a demotion of a failed or unwanted primary: it must end quickly, not after pg_ctl_timeout.
        if (!await ExitsWithinAsync(immediate ? s_immediateStop : pg.PgCtlTimeout, ct))
        {
            // A stop that did not finish in time must still end in a stopped server: escalate to SIGQUIT, then SIGKILL
            // of the postmaster and every backend.
            if (!immediate)
            {
                Signals.Send(pid, Signals.SigQuit);
                await ExitsWithinAsync(s_immediateStop, ct);
            }
            if (PostmasterProcess.IsAlive(pid))
            {
                InstanceKill.Kill(pid);
            }
        }
        await new PostmasterWatch(pg.DataDir).WaitForExitAsync(ct);
        _logger.LogInformation("PostgreSQL stopped");
    }

    /// <summary>
    /// Runs <paramref name="handOver"/> once the last WAL is written and the candidate's standby (or every streaming
    /// standby) confirmed it, which comes before the postmaster's exit (<see cref="ShutdownHandover"/>). False when the
    /// postmaster exited first (the stop then hands over after the exit, as before).
    /// </summary>
    private async Task<bool> HandOverEarlyAsync(int pid, int? candidateWalsender, Func<CancellationToken, Task> handOver, CancellationToken stopping, CancellationToken ct)
    {
        string confirmedBy;
        try
        {
            confirmedBy = await ShutdownHandover.WaitAsync(pg.DataDir, pid, candidateWalsender, stopping);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        _logger.LogInformation("shutdown checkpoint written and confirmed by {ConfirmedBy}; handing over before the postmaster exits", confirmedBy);
        await handOver(ct);
        return true;
    }

    public Task<TimelineSwitch?> PromoteAsync(IReadOnlyCollection<string> replicaSlots, CancellationToken ct) =>
        new PostgresPromotion(pg, TakeConnection(), _logger).RunAsync(replicaSlots, ct);

    public async Task FollowAsync(Upstream upstream, CancellationToken ct)
    {
        _files.SynchronousStandbyNames = null;
        WriteFiles(StartRole.Replica, upstream);
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
                WriteFiles(role, _upstream);
            }
            await ReloadConfigAsync(ct);
            return;
        }
        pg.EnsureRunDirectory();
        await CrashLeftovers.ClearAsync(pg, ct);
        await PgCtlStartAsync(ct);
    }

    public async Task<bool> ReloadIfChangedAsync(CancellationToken ct)
    {
        // The first change after a start is usually the dynamic config the start already used (its first publication
        // in etcd): signalling every backend and walsender then, while replicas clone, would change nothing.
        StartRole role = _files.HasStandbySignal ? StartRole.Replica : StartRole.Primary;
        bool known = role == StartRole.Primary || _upstream is not null;
        if (PostmasterProcess.AlivePid(pg.DataDir) is not null && known && !WriteFiles(role, _upstream) && _filesRead)
        {
            return false;
        }
        await ReloadAsync(ct);
        return true;
    }

    public async Task SetSynchronousStandbyNamesAsync(string? value, CancellationToken ct)
    {
        _files.SynchronousStandbyNames = value;
        if (PostmasterProcess.AlivePid(pg.DataDir) is null)
        {
            return;
        }
        // A replica about to promote may not know its upstream (agent restarted): it holds the key, nothing to stream from.
        WriteFiles(_files.HasStandbySignal ? StartRole.Replica : StartRole.Primary, _upstream);
        await ReloadConfigAsync(ct);
    }

    /// <returns>False when the files already said so.</returns>
    private bool WriteFiles(StartRole role, Upstream? upstream)
    {
        bool changed = _files.Write(role, upstream);
        _filesRead &= !changed;
        return changed;
    }

    private async Task PgCtlStartAsync(CancellationToken ct)
    {
        // -l: the postmaster must not inherit our pipes, or reading pg_ctl's output would wait for the server to exit.
        // -p: pg_ctl otherwise first runs `postgres -V` to find the binary beside itself and check its version, which
        // loads every library postgres links (0.1-0.2 s on a busy machine) before the real start; it is that binary.
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_ctl"),
            ["start", "-D", pg.DataDir, "-w", "-t", pg.PgCtlTimeoutSeconds, "-l", pg.LogFile, "-p", pg.Binaries.Tool("postgres"), .. SyncOption()])
        {
            Timeout = pg.PgCtlTimeout + TimeSpan.FromSeconds(10),
        };
        StartLog log = StartLog.Mark(pg.DataDir, pg.LogFile);
        try
        {
            await RunUntilReadyAsync(spec, ct);
            _filesRead = true;
        }
        catch (PostgresCommandException e)
        {
            // pg_ctl only says "examine the log output": the server's own last words are the useful part.
            IReadOnlyList<string> tail = await log.TailAsync(ct);
            throw new StartFailedException($"{e.Message}; it ends: {LastWords(tail)}", tail);
        }
    }

    /// <summary>
    /// pg_ctl start -w, but done as soon as the postmaster is ready by pg_ctl's own test polled 10x as often; pg_ctl
    /// then exits within its next 100 ms poll, unawaited. A pg_ctl that fails first (the postmaster exited, the
    /// timeout) still throws as before.
    /// </summary>
    private async Task RunUntilReadyAsync(ProcessSpec spec, CancellationToken ct)
    {
        DateTimeOffset requested = DateTimeOffset.UtcNow;
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<ProcessResult> pgCtl = pg.RunCheckedAsync(spec, $"see {pg.LogFile}", ct);
        Task ready = PostmasterReady.WaitAsync(pg.DataDir, requested, watching.Token);
        if (await Task.WhenAny(pgCtl, ready) == ready && ready.IsCompletedSuccessfully)
        {
            _ = pgCtl.ContinueWith(t => _logger.LogWarning("pg_ctl start failed after the server was ready: {Error}", t.Exception!.InnerException!.Message),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }
        await watching.CancelAsync();
        await pgCtl;
    }

    /// <summary>
    /// A start after a clone or a crash fsyncs every file of the data directory before recovery; where syncfs reports
    /// errors (PostgreSQL 14+, Linux 5.8+) one syncfs is as durable and seconds faster. A configured value wins.
    /// </summary>
    private string[] SyncOption()
    {
        string versionFile = Path.Combine(pg.DataDir, "PG_VERSION");
        bool supported = FileSystemSync.IsReliable && int.TryParse(File.ReadAllText(versionFile).Trim(), out int major) && major >= 14;
        return supported && !pg.Parameters.ContainsKey("recovery_init_sync_method") ? ["-o", "-c recovery_init_sync_method=syncfs"] : [];
    }

    /// <summary>The last FATAL/PANIC line of this start's log (a clean "shut down" line follows it), else the last line.</summary>
    private static string LastWords(IReadOnlyList<string> tail) =>
        (tail.LastOrDefault(StartLog.IsSevere) ?? tail.LastOrDefault() ?? "(nothing logged)").Trim();

    private async Task ReloadConfigAsync(CancellationToken ct)
    {
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_ctl"), ["reload", "-D", pg.DataDir]) { Timeout = TimeSpan.FromSeconds(30) };
        await pg.RunCheckedAsync(spec, $"see {pg.LogFile}", ct);
        _filesRead = true;
    }

    /// <summary>True when the postmaster exited within <paramref name="timeout"/>.</summary>
    private async Task<bool> ExitsWithinAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            await new PostmasterWatch(pg.DataDir).WaitForExitAsync(bounded.Token);
            return true;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// A checkpoint before a fast stop makes the shutdown checkpoint short; if it fails, the stop still checkpoints.
    /// Returns the pid of the walsender streaming to <paramref name="candidate"/>, looked up on the same connection.
    /// </summary>
    private async Task<int?> CheckpointAsync(string? candidate, CancellationToken ct)
    {
        try
        {
            await using NpgsqlConnection connection = pg.LocalConnection(timeoutSeconds: 3);
            await connection.OpenAsync(ct);
            await pg.CheckpointAsync(connection, ct);
            return candidate is null ? null : await CandidateWalsenderAsync(connection, candidate, ct);
        }
        catch (NpgsqlException)
        {
            // Not answering: the shutdown checkpoint of the fast stop below does the same work, only later.
            return null;
        }
    }

    /// <summary>Standbys name themselves in application_name (their member name, as in Patroni).</summary>
    private static async Task<int?> CandidateWalsenderAsync(NpgsqlConnection connection, string candidate, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_replication WHERE application_name = $1 AND state = 'streaming'", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = candidate });
        return await command.ExecuteScalarAsync(ct) is int pid ? pid : null;
    }
}

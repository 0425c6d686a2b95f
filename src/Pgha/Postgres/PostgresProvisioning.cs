using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// initdb, pg_basebackup, pg_rewind and moving a broken data directory aside, as the data directory's owner. Each step
/// of a bootstrap or clone logs one Information line, so a slow cluster formation can be read off the log.
/// </summary>
public sealed class PostgresProvisioning(PostgresInstance pg, PostgresControl control, TimeProvider time, ILogger? logger = null) : IPostgresProvisioning
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    private const int CloneAttempts = 2;
    private static readonly TimeSpan s_cloneRetryDelay = TimeSpan.FromSeconds(5);

    private PostgresqlConfig Local => pg.Config.Postgresql;

    public async Task<string> BootstrapAsync(CancellationToken ct)
    {
        _logger.LogInformation("bootstrap: running initdb in {DataDir}", pg.DataDir);
        await new Initdb(pg).RunAsync(ct);
        _logger.LogInformation("bootstrap: initdb done");
        if (Local.PgHba is null && pg.Dynamic.PgHba is null)
        {
            string initdbHba = await File.ReadAllTextAsync(Path.Combine(pg.DataDir, "pg_hba.conf"), ct);
            new ConfigFiles(pg).WritePgHba(initdbHba.Split('\n').Concat(pg.Config.Bootstrap?.PgHba ?? []));
        }
        await control.StartAsync(StartRole.Primary, upstream: null, ct);
        _logger.LogInformation("bootstrap: PostgreSQL started and accepting connections");
        await using (NpgsqlConnection connection = pg.LocalConnection(timeoutSeconds: 30))
        {
            await connection.OpenAsync(ct);
            await RoleSetup.ApplyAsync(connection, Local, ct);
        }
        _logger.LogInformation("bootstrap: replication and rewind roles set up");
        if (pg.Config.Bootstrap?.PostBootstrap is { Length: > 0 } script)
        {
            await RunPostBootstrapAsync(script, ct);
            _logger.LogInformation("bootstrap: post_bootstrap script done");
        }
        return await ControlFile.ReadSystemIdentifierAsync(pg.DataDir, ct);
    }

    public async Task CloneAsync(Upstream source, CancellationToken ct)
    {
        Credentials replication = Local.Replication;
        using TemporaryPgpass pgpass = TemporaryPgpass.Write(pg, new PgpassEntry(source.Host, source.Port, "*", replication.Username, replication.Password ?? ""));
        string connstring = ConnInfo.Render(
            [new("dbname", Local.Database), new("user", replication.Username), new("host", source.Host), new("port", source.Port.ToString(CultureInfo.InvariantCulture))]);
        // Where syncfs reports errors, one syncfs after the copy replaces pg_basebackup's per-file fsync (as durable).
        bool syncfs = FileSystemSync.IsReliable;
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_basebackup"),
            [$"--pgdata={pg.DataDir}", "-X", "stream", "-c", "fast", $"--dbname={connstring}", .. Local.BasebackupArguments, .. syncfs ? ["--no-sync"] : Array.Empty<string>()])
        {
            Environment = new Dictionary<string, string?> { ["PGPASSFILE"] = pgpass.Path },
            Timeout = Timeout.InfiniteTimeSpan,
        };
        for (int attempt = 1; ; attempt++)
        {
            RecreateEmptyDataDirectory();
            // Opened before pg_basebackup writes, so the syncfs after it reports every write-back error of the copy.
            using FileSystemSync? sync = syncfs ? FileSystemSync.Begin(pg.DataDir, ToolDirectories.From(Local.BasebackupArguments)) : null;
            try
            {
                _logger.LogInformation("clone: pg_basebackup from {Source} at {Host}:{Port} started", source.Name, source.Host, source.Port);
                await pg.RunCheckedAsync(spec, $"check that {source.Name} at {source.Host}:{source.Port} runs and its pg_hba.conf lets {replication.Username} replicate", ct);
                // Before the clone counts as done, not left to the first start's recovery_init_sync_method pass: that
                // pass only logs a failed sync, and nothing marks a clone as finished (a data directory with PG_VERSION
                // is started as it is), so the copy must be on disk before anything may start it.
                sync?.SyncDataDirectory();
                _logger.LogInformation("clone: pg_basebackup from {Source} done", source.Name);
                return;
            }
            catch (PostgresCommandException) when (attempt < CloneAttempts)
            {
                await Task.Delay(s_cloneRetryDelay, time, ct);
            }
        }
    }

    public async Task RewindAsync(Upstream source, CancellationToken ct)
    {
        RequireStopped("rewind");
        ControlData controlData = await pg.ReadControlDataAsync(ct);
        if (!controlData.IsCleanShutdown)
        {
            await RunCrashRecoveryAsync(ct);
        }
        await RewindSourceCheckpoint.EnsureAsync(pg, source, _logger, ct);
        Credentials rewind = Local.Rewind ?? Local.Superuser;
        using TemporaryPgpass pgpass = TemporaryPgpass.Write(pg, new PgpassEntry(source.Host, source.Port, "*", rewind.Username, rewind.Password ?? ""));
        string dsn = ConnInfo.Render(
        [
            new("user", rewind.Username), new("host", source.Host), new("port", source.Port.ToString(CultureInfo.InvariantCulture)),
            new("dbname", Local.Database), new("target_session_attrs", "read-write"),
        ]);
        var spec = new ProcessSpec(pg.Binaries.Tool("pg_rewind"), ["-D", pg.DataDir, $"--source-server={dsn}"])
        {
            Environment = new Dictionary<string, string?>
            {
                ["PGPASSFILE"] = pgpass.Path,
                ["LANG"] = "C",
                ["LC_ALL"] = "C",
                ["PGOPTIONS"] = "-c statement_timeout=0",
            },
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await pg.RunCheckedAsync(spec, $"check that {source.Name} at {source.Host}:{source.Port} is a primary and lets {rewind.Username} connect", ct);
    }

    public Task RemoveDataDirectoryAsync(CancellationToken ct)
    {
        RequireStopped("move aside");
        if (Directory.Exists(pg.DataDir))
        {
            string stamp = time.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            Directory.Move(pg.DataDir, $"{pg.DataDir}.failed-{stamp}");
        }
        return Task.CompletedTask;
    }

    private void RequireStopped(string action)
    {
        if (PostmasterProcess.AlivePid(pg.DataDir) is int pid)
        {
            throw new PghaException($"{pg.DataDir}: cannot {action} the data directory while PostgreSQL runs (postmaster pid {pid}); stop it first");
        }
    }

    private void RecreateEmptyDataDirectory()
    {
        if (Directory.Exists(pg.DataDir))
        {
            Directory.Delete(pg.DataDir, recursive: true);
        }
        pg.EnsureDirectory(pg.DataDir, UnixFiles.Private);
    }

    /// <summary>pg_rewind needs a cleanly shut down target; single-user mode replays WAL to get there (it refuses standby mode).</summary>
    private async Task RunCrashRecoveryAsync(CancellationToken ct)
    {
        var configFiles = new ConfigFiles(pg);
        configFiles.RemoveStandbySignal();
        File.Delete(Path.Combine(pg.DataDir, "recovery.signal"));
        var spec = new ProcessSpec(pg.Binaries.Tool("postgres"),
            ["--single", "-D", pg.DataDir, "-c", "archive_mode=on", "-c", "archive_command=false", "template1"])
        {
            StandardInput = "",
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await pg.RunCheckedAsync(spec, "crash recovery in single-user mode failed; the data directory may need a fresh clone", ct);
    }

    private async Task RunPostBootstrapAsync(string script, CancellationToken ct)
    {
        Credentials su = Local.Superuser;
        // libpq matches "localhost" only for its compiled-in socket directory; for ours the pgpass host is the directory itself.
        using TemporaryPgpass pgpass = TemporaryPgpass.Write(pg, new PgpassEntry(pg.SocketDirectory, pg.Port, "*", su.Username, su.Password ?? ""));
        string connstring = ConnInfo.Render(
            [new("dbname", Local.Database), new("user", su.Username), new("host", pg.SocketDirectory), new("port", pg.Port.ToString(CultureInfo.InvariantCulture))]);
        // The shell splits the configured command as Patroni does; the connection string is one argument after it.
        var spec = new ProcessSpec("/bin/sh", ["-c", $"{script} \"$1\"", "post_bootstrap", connstring])
        {
            Environment = new Dictionary<string, string?> { ["PGPASSFILE"] = pgpass.Path, ["PGOPTIONS"] = "-c synchronous_commit=local" },
            Timeout = Timeout.InfiniteTimeSpan,
        };
        await pg.RunCheckedAsync(spec, "fix bootstrap.post_bootstrap", ct);
    }
}

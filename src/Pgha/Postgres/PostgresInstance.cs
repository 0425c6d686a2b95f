using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using Pgha.Core.Config;
using Pgha.Core.Postgres;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// The local instance's paths, owner and config, and the one way to run its binaries (as the data directory's owner).
/// Beside the data directory lives its run directory <c>&lt;data_dir&gt;.run</c>: server log, pgpass files, and the
/// default unix socket; it is kept outside the data directory so pg_basebackup and pg_rewind never copy or erase it.
/// </summary>
public sealed class PostgresInstance
{
    private readonly Func<DynamicConfig> _dynamic;
    private readonly ProcessRunner _runner;
    // One unpooled data source per local connection string: it remembers the server's (built-in) types.
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _localSources = new();

    public PostgresInstance(PghaConfig config, Func<DynamicConfig> dynamic, PostgresBinaries binaries, ProcessRunner runner)
    {
        Config = config;
        _dynamic = dynamic;
        Binaries = binaries;
        _runner = runner;
        DataDir = Path.GetFullPath(config.Postgresql.DataDir).TrimEnd('/');
        RunDir = DataDir + ".run";
        Owner = DataDirectoryOwner.Resolve(DataDir);
    }

    public PghaConfig Config { get; }
    public PostgresBinaries Binaries { get; }
    public string DataDir { get; }
    public string RunDir { get; }
    /// <summary>Null when we are not root: everything then runs as ourselves.</summary>
    public OsUser? Owner { get; }
    public string LogFile => Path.Combine(RunDir, "postmaster.log");
    /// <summary><c>postgresql.pgpass</c>, else one in the run directory: read by the walreceiver through <c>passfile=</c>.</summary>
    public string PgpassPath => Config.Postgresql.Pgpass ?? Path.Combine(RunDir, "pgpass");
    public int Port => ListenAddress.Parse(Config.Postgresql.Listen).Port;
    public TimeSpan PgCtlTimeout => Config.Postgresql.PgCtlTimeout;
    public string PgCtlTimeoutSeconds => ((int)Math.Ceiling(PgCtlTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
    public DynamicConfig Dynamic => _dynamic();
    public IReadOnlyDictionary<string, string> Parameters => PostgresParameters.Effective(Config, _dynamic());
    public string SocketDirectory => PostgresParameters.SocketDirectory(Parameters);
    public bool HasDataDirectory => File.Exists(Path.Combine(DataDir, "PG_VERSION"));

    public Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct,
        IReadOnlyDictionary<string, string?>? environment = null, string? input = null) =>
        _runner.RunAsync(new ProcessSpec(Binaries.Tool(tool), arguments)
        {
            User = Owner,
            Timeout = timeout,
            StandardInput = input,
            Environment = environment ?? new Dictionary<string, string?>(),
        }, ct);

    /// <summary>Runs a program as the data directory's owner and throws <see cref="PostgresCommandException"/> on a non-zero exit.</summary>
    public async Task<ProcessResult> RunCheckedAsync(ProcessSpec spec, string hint, CancellationToken ct)
    {
        ProcessResult result = await _runner.RunAsync(spec with { User = Owner }, ct);
        return result.Succeeded
            ? result
            : throw new PostgresCommandException($"{Path.GetFileName(spec.FileName)} {string.Join(" ", spec.Arguments.Take(2))} for {DataDir} failed (exit {result.ExitCode}): {result.LastErrorLine}; {hint}");
    }

    /// <summary>Creates (if needed) a directory owned by the instance's owner with <paramref name="mode"/>.</summary>
    public void EnsureDirectory(string path, UnixFileMode mode) => UnixFiles.EnsureDirectory(path, mode, Owner);

    public void EnsureRunDirectory() => EnsureDirectory(RunDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

    public void WriteFile(string path, string text, UnixFileMode mode) => AtomicFile.Write(path, text, mode, Owner);

    public void WriteFiles(IReadOnlyList<FileContent> files) => AtomicFile.WriteAll(files, Owner);

    /// <summary>The superuser's connection string to the local server over the unix socket, with short timeouts so a hung server is noticed.</summary>
    public NpgsqlConnectionStringBuilder LocalConnectionString(int timeoutSeconds = 3)
    {
        Credentials su = Config.Postgresql.Superuser;
        return new NpgsqlConnectionStringBuilder
        {
            Host = SocketDirectory,
            Port = Port,
            Username = su.Username,
            Password = su.Password,
            Database = Config.Postgresql.Database,
            Pooling = false,
            Timeout = timeoutSeconds,
            CommandTimeout = timeoutSeconds,
            ApplicationName = "pgha",
        }.WithoutGss();
    }

    /// <summary>A connection (not yet open) with <see cref="LocalConnectionString"/>.</summary>
    public NpgsqlConnection LocalConnection(int timeoutSeconds = 3) =>
        // The agent reads only built-in types. Loading the server's type catalog would cost each connection string's
        // first login a query of 20-40 ms: the bootstrap's role setup, the first probe after a start, a stop's checkpoint.
        _localSources.GetOrAdd(LocalConnectionString(timeoutSeconds).ConnectionString,
            static s => new NpgsqlDataSourceBuilder(s).ConfigureTypeLoading(t => t.EnableTypeLoading(false)).Build()).CreateConnection();

    /// <summary>CHECKPOINT on <paramref name="connection"/>, free of statement_timeout and bounded by pg_ctl_timeout.</summary>
    public async Task CheckpointAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SET statement_timeout = 0; CHECKPOINT", connection) { CommandTimeout = (int)PgCtlTimeout.TotalSeconds };
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ControlData> ReadControlDataAsync(CancellationToken ct)
    {
        var spec = new ProcessSpec(Binaries.Tool("pg_controldata"), ["-D", DataDir])
        {
            Environment = new Dictionary<string, string?> { ["LANG"] = "C", ["LC_ALL"] = "C" },
            Timeout = TimeSpan.FromSeconds(30),
        };
        ProcessResult result = await RunCheckedAsync(spec, "is the data directory intact?", ct);
        return ControlData.Parse(result.StandardOutput);
    }
}

using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>Where initdb, pg_ctl, postgres and friends live: bin_dir from config, else <c>pg_config --bindir</c>, else the newest Debian version.</summary>
public sealed record PostgresBinaries(string BinDir)
{
    private const string DebianRoot = "/usr/lib/postgresql";

    public string Tool(string name) => Path.Combine(BinDir, name);

    public static async Task<PostgresBinaries> ResolveAsync(string? configuredBinDir, ProcessRunner runner, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(configuredBinDir))
        {
            return File.Exists(Path.Combine(configuredBinDir, "pg_ctl"))
                ? new PostgresBinaries(configuredBinDir)
                : throw new PghaException($"postgresql.bin_dir: {configuredBinDir} has no pg_ctl; point it at the directory holding PostgreSQL's binaries");
        }
        string? fromPgConfig = await FromPgConfigAsync(runner, ct);
        if (fromPgConfig is not null)
        {
            return new PostgresBinaries(fromPgConfig);
        }
        string? newest = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out int v) ? v : -1))
                .Where(c => c.Version >= 0 && File.Exists(Path.Combine(c.Dir, "pg_ctl")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Dir)
                .FirstOrDefault()
            : null;
        return newest is not null
            ? new PostgresBinaries(newest)
            : throw new PghaException("postgresql.bin_dir is not set, pg_config is not on PATH and /usr/lib/postgresql/*/bin has no pg_ctl; set postgresql.bin_dir");
    }

    private static async Task<string?> FromPgConfigAsync(ProcessRunner runner, CancellationToken ct)
    {
        string? pgConfig = new[] { "/usr/bin/pg_config", "/usr/local/bin/pg_config" }.FirstOrDefault(File.Exists);
        if (pgConfig is null)
        {
            return null;
        }
        ProcessResult result = await runner.RunAsync(new ProcessSpec(pgConfig, ["--bindir"]) { Timeout = TimeSpan.FromSeconds(10) }, ct);
        string dir = result.StandardOutput.Trim();
        return result.Succeeded && File.Exists(Path.Combine(dir, "pg_ctl")) ? dir : null;
    }
}

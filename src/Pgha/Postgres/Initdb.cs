using Pgha.Core.Config;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// initdb with scram-sha-256 everywhere; the superuser password goes through a 0600 file, never the command line.
/// Where syncfs reports errors, initdb's per-file fsync pass is replaced by one syncfs: as durable, seconds faster.
/// </summary>
internal sealed class Initdb(PostgresInstance pg)
{
    public async Task RunAsync(CancellationToken ct)
    {
        if (pg.HasDataDirectory || (Directory.Exists(pg.DataDir) && Directory.EnumerateFileSystemEntries(pg.DataDir).Any()))
        {
            throw new PghaException($"{pg.DataDir}: not empty, refusing to run initdb over it; move it aside or point postgresql.data_dir elsewhere");
        }
        Credentials su = pg.Config.Postgresql.Superuser;
        if (string.IsNullOrEmpty(su.Password))
        {
            throw new PghaException($"{pg.Config.SourcePath}: postgresql.authentication.superuser.password is empty; scram-sha-256 needs one, set it");
        }
        pg.EnsureDirectory(pg.DataDir, UnixFiles.Private);
        pg.EnsureRunDirectory();
        string pwfile = Path.Combine(pg.RunDir, $"pwfile.{Guid.NewGuid():N}");
        try
        {
            pg.WriteFile(pwfile, su.Password + "\n", AtomicFile.Secret);
            string[] options = pg.Config.Bootstrap?.Initdb.Select(o => o.ToArgument()).ToArray() ?? [];
            // Opened before initdb writes, so the syncfs after it reports every write-back error of its files.
            using FileSystemSync? sync = FileSystemSync.IsReliable ? FileSystemSync.Begin(pg.DataDir, ToolDirectories.From(options)) : null;
            var spec = new ProcessSpec(pg.Binaries.Tool("initdb"),
                ["-D", pg.DataDir, "-U", su.Username, "--auth=scram-sha-256", $"--pwfile={pwfile}", .. options, .. sync is null ? Array.Empty<string>() : ["--no-sync"]])
            {
                Timeout = TimeSpan.FromMinutes(10),
            };
            await pg.RunCheckedAsync(spec, "check bootstrap.initdb options", ct);
            sync?.SyncDataDirectory();
        }
        finally
        {
            File.Delete(pwfile);
        }
    }
}

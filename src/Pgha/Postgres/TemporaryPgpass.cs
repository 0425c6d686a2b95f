using Pgha.Core.Postgres;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>A 0600 pgpass file for one tool run (PGPASSFILE), removed afterwards, so passwords never reach a command line.</summary>
public sealed class TemporaryPgpass : IDisposable
{
    private TemporaryPgpass(string path) => Path = path;

    public string Path { get; }

    public static TemporaryPgpass Write(PostgresInstance pg, params PgpassEntry[] entries)
    {
        pg.EnsureRunDirectory();
        string path = System.IO.Path.Combine(pg.RunDir, $"pgpass.{Guid.NewGuid():N}");
        pg.WriteFile(path, PgpassFile.Render(entries), AtomicFile.Secret);
        return new TemporaryPgpass(path);
    }

    public void Dispose() => File.Delete(Path);
}

using System.Runtime.InteropServices;

namespace Pgha.Processes;

/// <summary>
/// Makes a whole file system durable with one syncfs(2) instead of an fsync per file. initdb, pg_basebackup and a
/// first start after a clone each fsync every file of a fresh data directory one by one, which is most of a
/// bootstrap's time on a busy disk; with their own pass skipped and this call after them the files are just as
/// durable (PostgreSQL 16's <c>--sync-method=syncfs</c> does the same). Linux reports write-back errors through syncfs
/// only since 5.8, and only those that happened since the descriptor was opened: so the descriptors are opened
/// before the tool starts (<see cref="Begin"/>) and synced after it ends (<see cref="SyncDataDirectory"/>).
/// </summary>
internal sealed class FileSystemSync : IDisposable
{
    private static readonly Version s_errorsReportedSince = new(5, 8);

    private readonly List<(string Path, int Fd)> _open = [];
    private readonly string _dataDir;

    private FileSystemSync(string dataDir) => _dataDir = Path.GetFullPath(dataDir);

    public static bool IsReliable => OperatingSystem.IsLinux() && Environment.OSVersion.Version >= s_errorsReportedSince;

    /// <summary>The directories held open, in the order opened (for tests and the log).</summary>
    public IReadOnlyList<string> HeldPaths => _open.ConvertAll(o => o.Path);

    /// <summary>
    /// Opens, before a tool writes, the file systems of <paramref name="dataDir"/> (which must exist) and of the
    /// directories it will place elsewhere (<paramref name="alsoWritten"/>: a waldir, tablespace targets; a target
    /// not yet created is covered through its nearest existing ancestor, which is on the same file system).
    /// </summary>
    public static FileSystemSync Begin(string dataDir, IEnumerable<string> alsoWritten)
    {
        var sync = new FileSystemSync(dataDir);
        try
        {
            sync.Hold(sync._dataDir);
            foreach (string directory in alsoWritten.Select(d => Path.GetFullPath(d)))
            {
                sync.Hold(NearestExisting(directory));
            }
            return sync;
        }
        catch
        {
            sync.Dispose();
            throw;
        }
    }

    /// <summary>
    /// After the tool: syncs every file system held open, and those the data directory's pg_wal and tablespace links
    /// point into that nothing held covers (a tablespace pg_basebackup copied to the source's path). Those last are
    /// opened only now; the kernel still reports to a new descriptor a write-back error nobody has seen yet.
    /// </summary>
    public void SyncDataDirectory()
    {
        foreach ((string path, int fd) in _open)
        {
            SyncOrThrow(path, fd);
        }
        foreach (string target in LinkTargets().Where(t => !_open.Exists(o => o.Path == t)))
        {
            Hold(target);
            SyncOrThrow(target, _open[^1].Fd);
        }
    }

    public void Dispose()
    {
        foreach ((_, int fd) in _open)
        {
            Posix.Close(fd);
        }
        _open.Clear();
    }

    private IEnumerable<string> LinkTargets()
    {
        string tablespaces = Path.Combine(_dataDir, "pg_tblspc");
        IEnumerable<string> links = Directory.Exists(tablespaces) ? Directory.EnumerateFileSystemEntries(tablespaces) : [];
        foreach (string link in links.Append(Path.Combine(_dataDir, "pg_wal")))
        {
            if (new DirectoryInfo(link).LinkTarget is string target)
            {
                yield return Path.GetFullPath(target, Path.GetDirectoryName(link)!);
            }
        }
    }

    private static string NearestExisting(string directory)
    {
        string? current = directory;
        while (current is not null && !Directory.Exists(current))
        {
            current = Path.GetDirectoryName(current);
        }
        return current ?? directory;
    }

    private void Hold(string path)
    {
        int fd = open(path, ReadOnly);
        if (fd < 0)
        {
            throw new PghaException($"{path}: cannot open it to make the new data durable (errno {Marshal.GetLastPInvokeError()}); check its permissions");
        }
        _open.Add((path, fd));
    }

    private static void SyncOrThrow(string path, int fd)
    {
        if (syncfs(fd) != 0)
        {
            throw new PghaException($"{path}: syncfs failed (errno {Marshal.GetLastPInvokeError()}): the disk did not take the new data; check the kernel log");
        }
    }

    private const int ReadOnly = 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int fd);
}

using System.Runtime.InteropServices;

namespace Pgha.Processes;

/// <summary>
/// Makes a whole file system durable with one syncfs(2) instead of an fsync per file. initdb, pg_basebackup and a
/// first start after a clone each fsync every file of a fresh data directory one by one, which is most of a
/// bootstrap's time on a busy disk; with their own pass skipped and this call after them the files are just as
/// durable (PostgreSQL 16's <c>--sync-method=syncfs</c> does the same). Linux reports write-back errors through syncfs
/// only since 5.8, so on older kernels callers keep PostgreSQL's per-file fsync.
/// </summary>
internal static class FileSystemSync
{
    private static readonly Version s_errorsReportedSince = new(5, 8);

    public static bool IsReliable => OperatingSystem.IsLinux() && Environment.OSVersion.Version >= s_errorsReportedSince;

    /// <summary>Syncs the file system holding <paramref name="dataDir"/>, and those its pg_wal and tablespace links point into.</summary>
    public static void SyncDataDirectory(string dataDir)
    {
        Sync(dataDir);
        string tablespaces = Path.Combine(dataDir, "pg_tblspc");
        IEnumerable<string> links = Directory.Exists(tablespaces) ? Directory.EnumerateFileSystemEntries(tablespaces) : [];
        foreach (string link in links.Append(Path.Combine(dataDir, "pg_wal")))
        {
            if (new DirectoryInfo(link).LinkTarget is string target)
            {
                Sync(Path.GetFullPath(target, Path.GetDirectoryName(link)!));
            }
        }
    }

    private static void Sync(string path)
    {
        int fd = open(path, ReadOnly);
        if (fd < 0)
        {
            throw new PghaException($"{path}: cannot open it to make the new data durable (errno {Marshal.GetLastPInvokeError()}); check its permissions");
        }
        try
        {
            if (syncfs(fd) != 0)
            {
                throw new PghaException($"{path}: syncfs failed (errno {Marshal.GetLastPInvokeError()}): the disk did not take the new data; check the kernel log");
            }
        }
        finally
        {
            _ = close(fd);
        }
    }

    private const int ReadOnly = 0;

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int syncfs(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}

using System.Globalization;
using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>The postmaster as the kernel sees it: the pid in postmaster.pid and whether /proc still shows it.</summary>
public static class PostmasterProcess
{
    /// <summary>The pid of a live postmaster for <paramref name="dataDir"/>, or null when none runs (no file, stale file).</summary>
    public static int? AlivePid(string dataDir)
    {
        int? pid = ReadPid(dataDir);
        return pid is int p && IsAlive(p) ? p : null;
    }

    public static int? ReadPid(string dataDir) => ReadPidFile(Path.Combine(dataDir, "postmaster.pid"));

    /// <summary>The pid on the first line of a PostgreSQL lock file (postmaster.pid, a socket's .lock).</summary>
    public static int? ReadPidFile(string path)
    {
        try
        {
            string? first = File.ReadLines(path).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// Alive means: /proc has the pid, it is not a zombie, and it is a postgres binary (a stale pid file after a
    /// reboot may name an unrelated process).
    /// </summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            // Format: "pid (comm) S ...": the state follows the last ')' because comm may itself hold ')'.
            int close = stat.LastIndexOf(')');
            string comm = stat[(stat.IndexOf('(', StringComparison.Ordinal) + 1)..close];
            char state = stat[close + 2];
            return state is not ('Z' or 'X') && comm.StartsWith("postgres", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
    }

    /// <summary>True when the process is stopped (SIGSTOP, state T): it handles no signal but SIGKILL until SIGCONT.</summary>
    public static bool IsSuspended(int pid) => State(pid) is 'T' or 't';

    /// <summary>
    /// The pids whose parent is <paramref name="pid"/> (for a postmaster: every backend and auxiliary process), from
    /// /proc/*/stat. Read them while the parent lives: once it dies they are re-parented and no longer show as its own.
    /// </summary>
    public static IReadOnlyList<int> ChildPids(int pid) => [.. ProcessTable.Pids().Where(candidate => ParentPid(candidate) == pid)];

    /// <summary>
    /// The children of <paramref name="postmaster"/> of one kind, by their process title ("postgres: [cluster: ]kind
    /// ...", e.g. <c>walsender</c>, <c>startup</c>); PostgreSQL sets it at fork whatever update_process_title says.
    /// </summary>
    public static IReadOnlyList<int> ChildrenOfKind(int postmaster, string kind) =>
        [.. ChildPids(postmaster).Where(child => ProcessCommandLine.Read(child)?.Contains($": {kind} ", StringComparison.Ordinal) == true)];

    /// <summary>True while <paramref name="pid"/> lives and is a child of <paramref name="parent"/>.</summary>
    public static bool IsChildOf(int pid, int parent) => ParentPid(pid) == parent;

    private static char? State(int pid) => Stat(pid) is { } stat ? stat.State : null;

    private static int? ParentPid(int pid) => Stat(pid)?.Parent;

    /// <summary>"pid (comm) S ppid ...": the fields after comm follow its last ')' because comm may itself hold ')'.</summary>
    private static (char State, int Parent)? Stat(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ', 3);
            return (rest[0][0], int.Parse(rest[1], NumberStyles.Integer, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}

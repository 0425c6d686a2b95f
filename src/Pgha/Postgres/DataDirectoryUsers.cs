using Pgha.Processes;

namespace Pgha.Postgres;

/// <summary>
/// Whether anything on this machine may still run, or start, PostgreSQL on a data directory: a process working in it
/// (the postmaster and every server process chdir there, orphaned backends of a killed postmaster included), or one
/// that names it or the agent's config on its command line (pg_ctl and a postgres before its chdir, pg_rewind,
/// pg_basebackup, an agent for that config, or a child the agent forked that has not yet run its program).
/// </summary>
public static class DataDirectoryUsers
{
    /// <summary>The first such process other than <paramref name="exceptPid"/>, as "pid N (comm) why", or null.</summary>
    public static string? FindAny(string dataDir, string configPath, int exceptPid)
    {
        string dir = Normalized(dataDir);
        string config = Path.GetFullPath(configPath);
        foreach (int pid in ProcessTable.Pids().Where(pid => pid != exceptPid))
        {
            string? why = WorksIn(pid, dir) ? "works in the data directory"
                : ProcessCommandLine.Arguments(pid).Any(a => Names(a, dir) || a == config || a == configPath) ? "names the data directory or the config" : null;
            if (why is not null)
            {
                return $"pid {pid} ({Comm(pid)}) {why}";
            }
        }
        return null;
    }

    /// <summary>
    /// Server processes still working in <paramref name="dataDir"/> (every postgres child runs with it as cwd). After a
    /// postmaster is killed they linger briefly, and a new postmaster refuses to start while they hold shared memory.
    /// </summary>
    public static bool AnyWorkingIn(string dataDir)
    {
        string dir = Normalized(dataDir);
        return ProcessTable.Pids().Any(pid => WorksIn(pid, dir));
    }

    private static string Normalized(string dir) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(dir));

    /// <summary>An argument is the directory itself, or an option that carries it (<c>-D/dir</c>, <c>--pgdata=/dir</c>).</summary>
    private static bool Names(string argument, string dir) =>
        argument.EndsWith(dir, StringComparison.Ordinal)
        && (argument.Length == dir.Length || argument[^(dir.Length + 1)] is '=' || argument == "-D" + dir);

    private static bool WorksIn(int pid, string dir)
    {
        try
        {
            return new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget is { } cwd && Path.TrimEndingDirectorySeparator(cwd) == dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // exited meanwhile, or not ours to look at
        }
    }

    private static string Comm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}

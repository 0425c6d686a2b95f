using System.Globalization;
using System.Text;

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
        string dir = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataDir));
        string config = Path.GetFullPath(configPath);
        foreach (string proc in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(proc), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == exceptPid)
            {
                continue;
            }
            string? why = WorksIn(proc, dir) ? "works in the data directory"
                : Arguments(proc).Any(a => Names(a, dir) || a == config || a == configPath) ? "names the data directory or the config" : null;
            if (why is not null)
            {
                return $"pid {pid} ({Comm(proc)}) {why}";
            }
        }
        return null;
    }

    /// <summary>An argument is the directory itself, or an option that carries it (<c>-D/dir</c>, <c>--pgdata=/dir</c>).</summary>
    private static bool Names(string argument, string dir) =>
        argument.EndsWith(dir, StringComparison.Ordinal)
        && (argument.Length == dir.Length || argument[^(dir.Length + 1)] is '=' || argument == "-D" + dir);

    private static bool WorksIn(string proc, string dir)
    {
        try
        {
            return new DirectoryInfo(Path.Combine(proc, "cwd")).LinkTarget is { } cwd && Path.TrimEndingDirectorySeparator(cwd) == dir;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // exited meanwhile
        }
    }

    private static string[] Arguments(string proc)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(proc, "cmdline"))).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static string Comm(string proc)
    {
        try
        {
            return File.ReadAllText(Path.Combine(proc, "comm")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}

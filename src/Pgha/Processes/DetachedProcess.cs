using System.Diagnostics;
using System.Globalization;

namespace Pgha.Processes;

/// <summary>
/// Starts a daemon in its own session, detached from the caller's terminal and pipes, with stdout and stderr
/// appended to a log file; returns its pid. Used by the sandbox for etcd and agents.
/// </summary>
public static class DetachedProcess
{
    public static int Start(string executable, IEnumerable<string> arguments, string logFile, IReadOnlyDictionary<string, string>? environment = null)
    {
        // sh runs setsid in the background without job control, so setsid is no group leader and execs in place:
        // $! is then the daemon's own pid.
        string command = string.Join(' ', new[] { executable }.Concat(arguments).Select(Quote));
        var psi = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"setsid {command} >>{Quote(logFile)} 2>&1 </dev/null & echo $!");
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            psi.Environment[key] = value;
        }
        using Process shell = Process.Start(psi) ?? throw new PghaException($"could not start {executable}");
        string output = shell.StandardOutput.ReadToEnd().Trim();
        shell.WaitForExit();
        return int.TryParse(output, NumberStyles.Integer, CultureInfo.InvariantCulture, out int pid)
            ? pid
            : throw new PghaException($"could not start {executable}: {shell.StandardError.ReadToEnd().Trim()}");
    }

    /// <summary>True when a process with this pid exists and is not a zombie.</summary>
    public static bool IsAlive(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        if (pid <= 0 || !File.Exists(stat))
        {
            return false;
        }
        try
        {
            string text = File.ReadAllText(stat);
            int close = text.LastIndexOf(')');
            return close > 0 && close + 2 < text.Length && text[close + 2] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

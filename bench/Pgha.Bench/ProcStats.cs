using System.Globalization;

namespace Pgha.Bench;

/// <summary>A process's resident memory and CPU time from /proc (children already reaped included).</summary>
public static class ProcStats
{
    private const double ClockTicks = 100; // USER_HZ on Linux

    public static double RssMiB(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>
    /// Proportional set size: resident pages, each shared page divided among the processes mapping it, so that two
    /// processes of one binary (pgha's agent and fence) do not count its code twice.
    /// </summary>
    public static double PssMiB(int pid)
    {
        string line = File.ReadLines($"/proc/{pid}/smaps_rollup").First(l => l.StartsWith("Pss:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>utime + stime + cutime + cstime, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        string stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name, which is in parentheses and may hold spaces.
        string[] f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return new[] { 11, 12, 13, 14 }.Sum(i => double.Parse(f[i], CultureInfo.InvariantCulture)) / ClockTicks;
    }
}

using System.Globalization;

namespace Pgha.Processes;

/// <summary>The processes /proc lists right now; one may end between being listed and being looked at.</summary>
public static class ProcessTable
{
    public static IEnumerable<int> Pids() =>
        Directory.EnumerateDirectories("/proc")
            .Select(proc => int.TryParse(Path.GetFileName(proc), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) ? pid : 0)
            .Where(pid => pid > 0);
}

using System.Globalization;

namespace Pgha.Verify;

/// <summary>The direct children of a process, from /proc/*/stat (field 4 is the parent pid).</summary>
public static class ProcessTree
{
    public static IReadOnlyList<int> Children(int parent)
    {
        var children = new List<int>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out int ppid) && ppid == parent)
                {
                    children.Add(pid);
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }
        return children;
    }
}

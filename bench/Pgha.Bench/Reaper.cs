using System.Globalization;
using System.Runtime.InteropServices;

namespace Pgha.Bench;

/// <summary>
/// On SIGINT or SIGTERM the normal teardown never runs: kill every descendant of this process (etcd, agents, wrk) and
/// every postmaster and pgha fence (started detached) of a cluster still open, by pid, then exit.
/// </summary>
public static class Reaper
{
    private static readonly HashSet<BenchCluster> s_open = [];

    public static void Track(BenchCluster cluster)
    {
        lock (s_open)
        {
            s_open.Add(cluster);
        }
    }

    public static void Untrack(BenchCluster cluster)
    {
        lock (s_open)
        {
            s_open.Remove(cluster);
        }
    }

    public static IDisposable[] Install() =>
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
    ];

    private static void OnSignal(PosixSignalContext context)
    {
        List<int?> postmasters;
        List<int> fences;
        lock (s_open)
        {
            postmasters = s_open.SelectMany(c => c.Nodes.Select(c.PostmasterPid)).ToList();
            fences = s_open.SelectMany(c => c.Nodes.SelectMany(c.FencePids)).ToList();
        }
        foreach (int pid in Descendants(Environment.ProcessId))
        {
            BenchCluster.Kill(pid);
        }
        postmasters.ForEach(p => BenchCluster.Kill(p));
        fences.ForEach(p => BenchCluster.Kill(p));
        Console.WriteLine($"interrupted: killed the bench's processes; remove /tmp/pgha-bench-* and /tmp/pgha-test-etcd-* of this run by hand");
        Environment.Exit(130);
    }

    private static List<int> Descendants(int pid)
    {
        var found = new List<int>();
        foreach (string task in Directory.Exists($"/proc/{pid}/task") ? Directory.GetDirectories($"/proc/{pid}/task") : [])
        {
            string children = File.Exists(Path.Combine(task, "children")) ? File.ReadAllText(Path.Combine(task, "children")) : "";
            foreach (string child in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int c = int.Parse(child, CultureInfo.InvariantCulture);
                found.Add(c);
                found.AddRange(Descendants(c));
            }
        }
        return found;
    }
}

using Pgha.Core.Cluster;

namespace Pgha.Sandbox;

/// <summary>Polls etcd until the sandbox's cluster is healthy, printing each change of progress once.</summary>
public sealed class SandboxWaiter(Func<CancellationToken, Task<ClusterView>> read, TextWriter output)
{
    /// <summary>Waits for one leader and <paramref name="replicas"/> streaming replicas; false when the time ran out.</summary>
    public async Task<ClusterView?> WaitHealthyAsync(int replicas, TimeSpan timeout, CancellationToken ct)
    {
        DateTime deadline = DateTime.UtcNow + timeout;
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            ClusterView view = await TryReadAsync(ct);
            string progress = Describe(view);
            if (progress != last)
            {
                output.WriteLine($"  {progress}");
                last = progress;
            }
            if (IsHealthy(view, replicas))
            {
                return view;
            }
            await Task.Delay(500, ct);
        }
        return null;
    }

    public static bool IsHealthy(ClusterView view, int replicas) =>
        view.LeaderMember is { Role: MemberRole.Primary, State: "running" }
        && view.Members.Count(m => !view.IsLeader(m.Name) && m.ReplicationState == "streaming") >= replicas;

    private async Task<ClusterView> TryReadAsync(CancellationToken ct)
    {
        try
        {
            return await read(ct);
        }
        catch (Agent.DcsUnavailableException)
        {
            return ClusterView.Unreachable;
        }
    }

    private static string Describe(ClusterView view)
    {
        if (!view.IsReachable)
        {
            return "waiting for etcd";
        }
        if (view.Members.Count == 0)
        {
            return "waiting for the agents to register";
        }
        IEnumerable<string> members = view.Members.OrderBy(m => m.Name, StringComparer.Ordinal)
            .Select(m => $"{m.Name}: {(view.IsLeader(m.Name) ? "leader, " : "")}{m.ShownState(view.IsLeader(m.Name))}");
        return string.Join("; ", members);
    }
}

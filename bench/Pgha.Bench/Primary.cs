using Pgha.Testing;

namespace Pgha.Bench;

/// <summary>Bounded waits for a primary with streaming replicas, read from PostgreSQL itself.</summary>
public static class Primary
{
    /// <summary>Waits until a node is writable with at least <paramref name="streaming"/> replicas streaming from it.</summary>
    public static async Task<string> WaitAsync(BenchCluster cluster, int streaming, TimeSpan timeout, string? notLeader = null)
    {
        string leader = "";
        await Wait.UntilAsync(async () =>
        {
            if (await cluster.Sql.PrimaryAsync() is not (string l, int s) || l == notLeader || s < streaming)
            {
                return false;
            }
            leader = l;
            return true;
        }, timeout, $"{cluster.System}: a primary with {streaming} streaming replicas (logs under {cluster.Root})", TimeSpan.FromMilliseconds(50));
        return leader;
    }

    /// <summary>
    /// Waits for a primary with one replica streaming, then gives the others of the <paramref name="replicas"/> alive a
    /// bounded chance to catch up. After the failover only one replica is alive: waiting for a second could only time out.
    /// </summary>
    public static async Task<string> SettleAsync(BenchCluster cluster, int replicas)
    {
        string leader = await WaitAsync(cluster, 1, TimeSpan.FromSeconds(120));
        if (replicas < 2)
        {
            return leader;
        }
        try
        {
            return await WaitAsync(cluster, replicas, TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            return leader; // the third node is still rejoining: one replica is enough for the next fault
        }
    }
}

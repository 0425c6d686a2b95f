using Pgha.Core.Dcs;
using Pgha.Testing;
using Pgha.Testing.Netns;

namespace Pgha.FaultTests;

/// <summary>
/// Three nodes, each in its own namespace with an etcd member and a pgha agent (and its PostgreSQL), plus a client
/// namespace. The test process cannot reach 10.231.70.x, so everything it observes is asked from inside the client
/// namespace: <c>pgha list -f json</c> for the cluster as etcd holds it, psql for SQL. Everything is removed on dispose.
/// </summary>
public sealed class FaultCluster : IAsyncDisposable
{
    public const string Client = "c";
    private static readonly TimeSpan s_probeTimeout = TimeSpan.FromSeconds(30);

    private FaultCluster(NetnsLab lab, string tag)
    {
        Lab = lab;
        Agents = new AgentCluster(tag, Nodes.Select(lab.Address).ToList(), launcher: lab);
    }

    public static IReadOnlyList<string> Nodes { get; } = ["n1", "n2", "n3"];
    public NetnsLab Lab { get; }
    public AgentCluster Agents { get; }

    /// <summary>Creates the namespaces and starts etcd and the agents in them; cleans up itself if that fails.</summary>
    public static async Task<FaultCluster> StartAsync(string tag)
    {
        NetnsLab lab = await NetnsLab.CreateAsync(new Dictionary<string, int> { ["n1"] = 1, ["n2"] = 2, ["n3"] = 3, [Client] = 10 });
        var cluster = new FaultCluster(lab, tag);
        try
        {
            // The generator opens pg_hba only to the inventory's hosts; the client namespace is not one of them.
            string client = $"  pg_hba:\n    - host all all {lab.Address(Client)}/32 scram-sha-256\n";
            await cluster.Agents.StartAsync((_, yaml) => yaml.Replace("  pg_hba:\n", client, StringComparison.Ordinal));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public IEnumerable<string> Others(string node) => Nodes.Where(n => n != node);

    /// <summary>
    /// The members as etcd holds them (leader key and member keys), read through <paramref name="via"/>'s etcd member
    /// with etcdctl; empty when that read fails. etcdctl rather than <c>pgha list</c>: a dotnet start per poll costs
    /// the 2 shared cores more than the cluster under test can spare.
    /// </summary>
    public async Task<IReadOnlyList<MemberRow>> ListAsync(string via)
    {
        string prefix = DcsKeys.Prefix("service", AgentCluster.Scope);
        (int exitCode, string stdout, string _) = await Lab.RunAsync(Client, "etcdctl",
            ["--endpoints", $"http://{Lab.Address(via)}:2379", "--command-timeout=3s", "get", "--prefix", prefix], s_probeTimeout);
        if (exitCode != 0)
        {
            return [];
        }
        string[] lines = stdout.Split('\n');
        var values = new Dictionary<string, string>();
        for (int i = 0; i + 1 < lines.Length; i += 2)
        {
            values[lines[i]] = lines[i + 1];
        }
        string? leader = values.GetValueOrDefault(prefix + "leader");
        return values.Where(kv => kv.Key.StartsWith(prefix + "members/", StringComparison.Ordinal))
            .Select(kv => MemberJson.Parse(kv.Key[(prefix.Length + "members/".Length)..], kv.Value))
            .Select(m => new MemberRow(m.Name, m.Name == leader ? "Leader" : "Replica", m.ShownState(m.Name == leader)))
            .ToList();
    }

    /// <summary>Polls the members through <paramref name="via"/> until <paramref name="condition"/> holds; returns that listing.</summary>
    public async Task<IReadOnlyList<MemberRow>> WaitForAsync(string via, Func<IReadOnlyList<MemberRow>, bool> condition, string because)
    {
        IReadOnlyList<MemberRow> rows = [];
        await Wait.UntilAsync(async () => condition(rows = await ListAsync(via)), TimeSpan.FromSeconds(180), because, TimeSpan.FromSeconds(1));
        return rows;
    }

    /// <summary>Waits for a running leader (not <paramref name="notLeader"/>) with <paramref name="replicas"/> streaming replicas.</summary>
    public async Task<string> WaitHealthyAsync(string via, int replicas = 2, string? notLeader = null)
    {
        IReadOnlyList<MemberRow> rows = await WaitForAsync(via,
            r => r.Any(m => m.IsRunningLeader && m.Member != notLeader) && r.Count(m => m.IsStreaming) >= replicas,
            $"a leader{(notLeader is null ? "" : $" other than {notLeader}")} with {replicas} streaming replicas");
        return rows.Single(m => m.IsLeader).Member;
    }

    /// <summary>libpq connection string to one node, or to every node for the first writable one.</summary>
    public string ConnInfo(params string[] nodes) =>
        $"host={string.Join(',', nodes.Select(Lab.Address))} port=5432 user=postgres password={Agents.SuperuserPassword} dbname=postgres connect_timeout=2"
        + (nodes.Length > 1 ? " target_session_attrs=read-write" : "");

    /// <summary>Runs SQL through psql in the client namespace; throws with psql's error when it fails.</summary>
    public async Task<string> PsqlAsync(string connInfo, string sql)
    {
        (int exitCode, string stdout, string stderr) = await Lab.RunAsync(Client, "psql", [connInfo, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql], s_probeTimeout);
        return exitCode == 0 ? stdout.Trim() : throw new InvalidOperationException($"psql failed ({exitCode}): {stderr.Trim()}");
    }

    /// <summary>True when the node answers and takes writes; false when it is a replica, down or unreachable.</summary>
    public async Task<bool> IsWritableAsync(string node)
    {
        try
        {
            return await PsqlAsync(ConnInfo(node), "select not pg_is_in_recovery()") == "t";
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Agents.DisposeAsync();
        }
        finally
        {
            await Lab.DisposeAsync();
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using Pgha.Core.Generation;
using Pgha.Core.Planning;
using Pgha.Operations;
using Pgha.Testing;

namespace Pgha.Bench;

/// <summary>
/// One fresh cluster of one system: five etcd members (x.1 to x.5) and three PostgreSQL nodes (n1 to n3 on x.1 to
/// x.3), configured by pgha's generator. Patroni reads the very same generated YAML, so PostgreSQL settings, pg_hba,
/// authentication and timings are identical by construction. Every process is killed by pid on dispose.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    public const string Scope = "bench";
    private const string PgBin = "/usr/lib/postgresql/15/bin";
    private readonly ProcessGuard _processes = new() { TerminateGrace = TimeSpan.FromSeconds(1) };
    private readonly Dictionary<string, Process> _agents = [];
    private readonly Inventory _inventory;
    private readonly GenerationOptions _options;
    private readonly string _pghaBinary;
    private bool _keepLogs;

    public BenchCluster(BenchSystem system, TimingProfile timing, string pghaBinary)
    {
        System = system;
        _pghaBinary = pghaBinary;
        string net = system == BenchSystem.Pgha ? "127.0.90." : "127.0.91.";
        Root = Path.Combine("/tmp", $"pgha-bench-{system.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(Root);
        Etcd = new EtcdCluster(Enumerable.Range(1, 5).Select(i => net + i).ToList());
        _inventory = new Inventory
        {
            Scope = Scope,
            Namespace = "service",
            Stanza = Scope,
            EtcdToken = Scope,
            Hosts = Enumerable.Range(1, 5).Select(i => new InventoryHost(
                i <= 3 ? $"n{i}" : $"e{i}", net + i, null, RunsPostgres: i <= 3, RunsEtcd: true, RunsRepository: false)).ToList(),
        };
        _options = new GenerationOptions
        {
            Paths = new PathLayout
            {
                ConfigDir = Path.Combine(Root, "{host}", "config"),
                DataDir = Path.Combine(Root, "{host}", "data"),
                LogDir = Path.Combine(Root, "{host}", "log"),
                EtcdDataDir = Path.Combine(Root, "{host}", "etcd"),
                SocketDir = Path.Combine(Root, "{host}", "run"),
                RepositoryDir = Path.Combine(Root, "repo"),
            },
            Secrets = new DeploymentSecrets("su-" + Guid.NewGuid().ToString("N"), "repl-" + Guid.NewGuid().ToString("N"), "rw-" + Guid.NewGuid().ToString("N")),
            Timing = timing,
            BinDir = PgBin,
            ConnectByHostName = false,
            ListenOnAllInterfaces = false,
        };
        Sql = new SqlProbe(Nodes.ToDictionary(n => n, Address), _options.Secrets.SuperuserPassword);
        Keys = new EtcdKeys(Etcd.ClientUrls, $"/service/{Scope}/");
    }

    public BenchSystem System { get; }
    public string Root { get; }
    public EtcdCluster Etcd { get; }
    public SqlProbe Sql { get; }
    public EtcdKeys Keys { get; }
    public IReadOnlyList<string> Nodes { get; } = ["n1", "n2", "n3"];

    public string Address(string node) => _inventory.Host(node).Address;
    public string ConfigPath(string node) => Path.Combine(_options.Paths.For(node).ConfigDir, "pgha.yaml");
    public string DataDir(string node) => _options.Paths.For(node).DataDir;
    public string AgentLog(string node) => Path.Combine(Root, node, "agent.out");

    /// <summary>Starts etcd and writes every node's files; the agents are not started yet.</summary>
    public async Task PrepareAsync()
    {
        await Etcd.StartAsync();
        IReadOnlyList<GeneratedFile> files = DeploymentGenerator.Generate(_inventory, _options);
        foreach (string node in Nodes)
        {
            HostConfigWriter.Write(files, node, _options.Paths.For(node).ConfigDir, "postgres");
            foreach (string dir in new[] { "log", "run" })
            {
                Directory.CreateDirectory(Path.Combine(Root, node, dir));
            }
        }
        // Patroni runs as postgres and creates its data, log and socket dirs itself; pgha (root) does the same as it starts.
        await _processes.RunAsync("chown", ["-R", "postgres:postgres", Root], TimeSpan.FromSeconds(30));
    }

    public void StartAgents()
    {
        foreach (string node in Nodes)
        {
            _agents[node] = System == BenchSystem.Pgha
                ? _processes.Start(_pghaBinary, ["agent", ConfigPath(node)], AgentLog(node))
                : _processes.Start("runuser", ["-u", "postgres", "--", "patroni", ConfigPath(node)], AgentLog(node));
        }
    }

    /// <summary>The agent's own pid: pgha is the process started; Patroni is runuser's child.</summary>
    public int AgentPid(string node)
    {
        int pid = _agents[node].Id;
        string children = System == BenchSystem.Pgha || !File.Exists($"/proc/{pid}/task/{pid}/children") ? "" : File.ReadAllText($"/proc/{pid}/task/{pid}/children").Trim();
        if (children.Length == 0)
        {
            return pid;
        }
        return int.Parse(children.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Every process the HA system runs for <paramref name="node"/>: pgha's agent and its fence process (a separate
    /// process found by its <c>--agent-pid</c>), Patroni's one python process.
    /// </summary>
    public IReadOnlyList<int> HaPids(string node) => [AgentPid(node), .. FencePids(node)];

    /// <summary>
    /// pgha's fence processes for <paramref name="node"/> (none for Patroni). The agent starts them detached, so they are
    /// no descendants of the bench and are found by their command line.
    /// </summary>
    public IReadOnlyList<int> FencePids(string node)
    {
        if (System != BenchSystem.Pgha)
        {
            return [];
        }
        string fenceOf = $"\0fence\0--data-dir\0{DataDir(node)}\0";
        return Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out int pid) ? pid : 0)
            .Where(pid => pid > 0 && ReadCommandLine(pid).Contains(fenceOf, StringComparison.Ordinal))
            .ToList();
    }

    private static string ReadCommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline");
        }
        catch (IOException)
        {
            return ""; // gone meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    public int? PostmasterPid(string node)
    {
        string file = Path.Combine(DataDir(node), "postmaster.pid");
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadLines(file).First().Trim(), out int pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void KeepLogs() => _keepLogs = true;

    /// <summary>SIGKILL by pid; false when it was not running.</summary>
    public static bool Kill(int? pid)
    {
        if (pid is null)
        {
            return false;
        }
        try
        {
            using Process p = Process.GetProcessById(pid.Value);
            p.Kill();
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // By pid, not through the guard: a guard waits for the agent's output pipe, which its PostgreSQL inherited.
        int?[] postmasters = Nodes.Select(PostmasterPid).ToArray();
        foreach (string node in _agents.Keys)
        {
            Kill(AgentPid(node));
            Kill(_agents[node].Id);
        }
        // A fence would exit by itself once its agent and postmaster are gone, but only at its next wake-up.
        foreach (int fence in Nodes.SelectMany(FencePids))
        {
            Kill(fence);
        }
        foreach (int? pid in postmasters.Concat(Nodes.Select(PostmasterPid)).Distinct())
        {
            Kill(pid);
        }
        await _processes.DisposeAsync();
        await Etcd.DisposeAsync();
        Keys.Dispose();
        try
        {
            // After a failure keep the logs (agent.out, log/, PostgreSQL's data/log) and drop the rest of the data.
            if (_keepLogs)
            {
                Nodes.Select(n => Path.Combine(DataDir(n), "base")).Where(Directory.Exists).ToList().ForEach(d => Directory.Delete(d, recursive: true));
            }
            else
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // a dying backend may still hold a file; the next run uses a new directory anyway
        }
    }
}

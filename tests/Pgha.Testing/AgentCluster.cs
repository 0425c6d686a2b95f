using System.Diagnostics;
using Npgsql;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Core.Generation;
using Pgha.Core.Planning;
using Pgha.Etcd;
using Pgha.Testing.Netns;

namespace Pgha.Testing;

/// <summary>
/// A real cluster for tests: a 3-member etcd and three pgha agents (each running its PostgreSQL) on the given
/// loopback addresses, configured through the same generator as `pgha gen` and `pgha sandbox`. Every process is
/// killed by pid on dispose, pass or fail.
/// </summary>
public sealed class AgentCluster : IAsyncDisposable
{
    public const string Scope = "itest";
    // Agents stop PostgreSQL and release their key on SIGTERM; give them time before SIGKILL.
    private readonly ProcessGuard _processes = new() { TerminateGrace = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, Process> _agents = [];
    private readonly TestPaths _paths;
    private readonly Inventory _inventory;
    private readonly GenerationOptions _options;
    private readonly EtcdGatewayClient _etcd;
    private readonly IHostLauncher _launcher;

    /// <param name="launcher">
    /// Where etcd and the agents run. By default in the test's own namespace, on loopback addresses that move on
    /// with each new cluster; a <see cref="NetnsLab"/> runs each host in its own fresh namespace, on the addresses as given.
    /// </param>
    public AgentCluster(string tag, IReadOnlyList<string> addresses, TimingProfile? timing = null, IHostLauncher? launcher = null)
    {
        _paths = new TestPaths(tag);
        _launcher = launcher ?? PlainLauncher.Instance;
        Addresses = addresses = launcher is null ? FreshAddresses(addresses) : addresses;
        Etcd = new EtcdCluster(addresses, launcher: _launcher);
        _inventory = new Inventory
        {
            Scope = Scope,
            Namespace = "service",
            Stanza = Scope,
            EtcdToken = tag,
            Hosts = addresses.Select((a, i) => new InventoryHost($"n{i + 1}", a, null, RunsPostgres: true, RunsEtcd: true, RunsRepository: false)).ToList(),
        };
        _options = new GenerationOptions
        {
            Paths = PathLayout.OneMachine(_paths.Root),
            Secrets = new DeploymentSecrets("su-" + Guid.NewGuid().ToString("N"), "repl-" + Guid.NewGuid().ToString("N"), "rw-" + Guid.NewGuid().ToString("N")),
            Timing = timing ?? new TimingProfile(6, 1, 2),
            ConnectByHostName = false,
            ListenOnAllInterfaces = false,
        };
        _etcd = new EtcdGatewayClient(Etcd.ClientUrls, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
        Store = new EtcdClusterStore(_etcd, DcsKeys.Prefix("service", Scope));
    }

    public IReadOnlyList<string> Addresses { get; }

    private static readonly Dictionary<string, int> s_instances = [];

    /// <summary>
    /// xunit makes a new cluster per test: each one moves to the next block of addresses in the same /24, because
    /// the sockets a killed etcd leaves in TIME_WAIT keep its peer port busy for a while.
    /// </summary>
    private static IReadOnlyList<string> FreshAddresses(IReadOnlyList<string> addresses)
    {
        string subnet = addresses[0][..addresses[0].LastIndexOf('.')];
        int instance;
        lock (s_instances)
        {
            instance = s_instances.GetValueOrDefault(subnet);
            s_instances[subnet] = instance + 1;
        }
        return addresses.Select(a => $"{subnet}.{int.Parse(a[(a.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture) + (instance * addresses.Count % 240)}").ToList();
    }
    public EtcdCluster Etcd { get; }
    public EtcdClusterStore Store { get; }
    public IReadOnlyList<string> Names => _inventory.Hosts.Select(h => h.Name).ToList();
    public string SuperuserPassword => _options.Secrets.SuperuserPassword;
    /// <summary>The path of the built pgha entry assembly (run it with <c>dotnet</c>).</summary>
    public static string PghaDll => typeof(Pgha.Program).Assembly.Location;

    public string Address(string node) => _inventory.Host(node).Address;
    public string DataDir(string node) => _options.Paths.For(node).DataDir;
    public string ConfigPath(string node) => Path.Combine(_options.Paths.For(node).ConfigDir, "pgha.yaml");
    public string AgentLog(string node) => Path.Combine(_paths.Root, node, "agent.out");

    /// <summary>Writes each node's generated files; <paramref name="edit"/> may change the agent YAML text per node.</summary>
    public void WriteConfigs(Func<string, string, string>? edit = null)
    {
        IReadOnlyList<GeneratedFile> files = DeploymentGenerator.Generate(_inventory, _options)
            .Select(f => f.RelativePath == "pgha.yaml" && edit is not null ? f with { Content = edit(f.Host, f.Content) } : f)
            .ToList();
        foreach (InventoryHost host in _inventory.Hosts)
        {
            Operations.HostConfigWriter.Write(files, host.Name, Path.GetDirectoryName(ConfigPath(host.Name))!, "postgres");
        }
    }

    public async Task StartAsync(Func<string, string, string>? edit = null)
    {
        await Etcd.StartAsync();
        WriteConfigs(edit);
        foreach (string node in Names)
        {
            StartAgent(node);
        }
    }

    public void StartAgent(string node)
    {
        ProcessCommand command = _launcher.On(Address(node), "dotnet", [PghaDll, "agent", ConfigPath(node)]);
        _agents[node] = _processes.Start(command.FileName, command.Args, AgentLog(node));
    }

    /// <summary>The pid of the node's agent, for fault commands that kill it from outside the test.</summary>
    public int AgentPid(string node) => _agents[node].Id;

    public Task StopAgentAsync(string node) => _processes.StopAsync(_agents[node]);

    public Task KillAgentAsync(string node) => _processes.KillAsync(_agents[node]);

    /// <summary>kill -9 of the node's postmaster (read from postmaster.pid); true when one was running.</summary>
    public bool KillPostmaster(string node)
    {
        int? pid = PostmasterPid(node);
        if (pid is null)
        {
            return false;
        }
        try
        {
            Process.GetProcessById(pid.Value).Kill();
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The fence process's log (it lives beside the data directory).</summary>
    public string FenceLog(string node) => DataDir(node) + ".run/fence.log";

    private void KillFence(string node)
    {
        string pidFile = DataDir(node) + ".run/fence.pid";
        if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out int pid))
        {
            try
            {
                Process.GetProcessById(pid).Kill();
            }
            catch (ArgumentException)
            {
                // already gone: the fence exits by itself once the agent and the postmaster are.
            }
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

    public async Task<ClusterView> ReadAsync() => await Store.ReadAsync(CancellationToken.None);

    /// <summary>Waits until one leader runs and <paramref name="replicas"/> others stream from it; returns the leader's name.</summary>
    public async Task<string> WaitHealthyAsync(int replicas = 2, string? notLeader = null, TimeSpan? timeout = null)
    {
        string leader = "";
        await Wait.UntilAsync(async () =>
        {
            ClusterView view = await TryReadAsync();
            if (view.LeaderMember is not { Role: MemberRole.Primary, State: "running" } l || l.Name == notLeader)
            {
                return false;
            }
            leader = l.Name;
            return view.Members.Count(m => m.Name != l.Name && m.ReplicationState == "streaming") >= replicas;
        }, timeout ?? TimeSpan.FromSeconds(180), $"a leader{(notLeader is null ? "" : $" other than {notLeader}")} with {replicas} streaming replicas");
        return leader;
    }

    public async Task<ClusterView> TryReadAsync()
    {
        try
        {
            return await ReadAsync();
        }
        catch (Agent.DcsUnavailableException)
        {
            return ClusterView.Unreachable;
        }
    }

    public NpgsqlConnection Connect(string node) => new(ConnectionString(Address(node)));

    public string ConnectionString(string host, string targetSessionAttributes = "any") =>
        $"Host={host};Port=5432;Username=postgres;Password={_options.Secrets.SuperuserPassword};Database=postgres;Pooling=false;Timeout=3;Command Timeout=5;{NpgsqlGss.Off};Target Session Attributes={targetSessionAttributes}";

    /// <summary>The multi-host writer string, as clients use it.</summary>
    public string WriterConnectionString() => ConnectionString(string.Join(',', Addresses), "read-write") + ";Host Recheck Seconds=1";

    public async Task<bool> IsWritablePrimaryAsync(string node)
    {
        try
        {
            await using NpgsqlConnection c = Connect(node);
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand("select not pg_is_in_recovery()", c);
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    public async Task ExecuteAsync(string node, string sql)
    {
        await using NpgsqlConnection c = Connect(node);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    public Task<long> CountAsync(string node, string table) => ScalarAsync<long>(node, $"select count(*) from {table}");

    public async Task<T> ScalarAsync<T>(string node, string sql)
    {
        await using NpgsqlConnection c = Connect(node);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public string Log(string node) => File.Exists(AgentLog(node)) ? File.ReadAllText(AgentLog(node)) : "";

    public async ValueTask DisposeAsync()
    {
        await _processes.DisposeAsync();
        KeepLogs();
        foreach (string node in Names)
        {
            KillPostmaster(node);
            KillFence(node);
        }
        await Etcd.DisposeAsync();
        _etcd.Dispose();
        _paths.Dispose();
    }

    /// <summary>Copies the agents' logs to /tmp/pgha-test-logs so a failed run can be read after cleanup.</summary>
    private void KeepLogs()
    {
        string dir = Path.Combine("/tmp", "pgha-test-logs");
        Directory.CreateDirectory(dir);
        foreach (string node in Names.Where(n => File.Exists(AgentLog(n))))
        {
            File.Copy(AgentLog(node), Path.Combine(dir, $"{Path.GetFileName(_paths.Root)}-{node}.log"), overwrite: true);
        }
    }
}

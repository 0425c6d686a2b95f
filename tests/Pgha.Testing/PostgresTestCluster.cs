using System.Diagnostics;
using Pgha.Core.Config;
using Pgha.Core.Ha;
using Pgha.Core.Postgres;
using Pgha.Postgres;
using Pgha.Processes;

namespace Pgha.Testing;

/// <summary>
/// Up to a few PostgreSQL instances on <c>127.0.62.N:5432</c> (or another /24 given to the constructor) with data under <c>/tmp/pgha-test-pg-*</c>. Dispose stops
/// every postgres it may have started (resuming a SIGSTOPped one, pg_ctl stop -m immediate, then kill -9 by pid) and
/// removes the directory, pass or fail.
/// </summary>
public sealed class PostgresTestCluster : IAsyncDisposable
{
    public const string SuperuserPassword = "su:pa\\ss 'word";
    private readonly List<PostgresTestNode> _nodes = [];
    private readonly ProcessRunner _runner = new();

    private readonly string _network;

    /// <param name="network">The first three octets of the nodes' loopback addresses: each test class keeps its own range.</param>
    public PostgresTestCluster(DynamicConfig? dynamic = null, string network = "127.0.62")
    {
        _network = network;
        Root = $"/tmp/pgha-test-pg-{Guid.NewGuid():N}"[..27];
        Dynamic = dynamic ?? new DynamicConfig();
        UnixFiles.EnsureDirectory(Root, UnixFiles.Private | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute, OsUser.Lookup("postgres"));
    }

    public string Root { get; }

    /// <summary>postgresql.pg_ctl_timeout of the nodes made after it is set (60 s unless a test needs a shorter bound).</summary>
    public TimeSpan PgCtlTimeout { get; set; } = TimeSpan.FromSeconds(60);
    public DynamicConfig Dynamic { get; set; }

    /// <summary>Node <paramref name="index"/> (1-based) on &lt;network&gt;.<paramref name="index"/>; created once, then returned again.</summary>
    public async Task<PostgresTestNode> NodeAsync(int index)
    {
        string name = $"n{index}";
        if (_nodes.FirstOrDefault(n => n.Name == name) is { } existing)
        {
            return existing;
        }
        string address = $"{_network}.{index}";
        PghaConfig config = Config(name, address);
        UnixFiles.EnsureDirectory(Path.Combine(Root, name), UnixFiles.Private, OsUser.Lookup("postgres"));
        PostgresBinaries binaries = await PostgresBinaries.ResolveAsync(null, _runner, CancellationToken.None);
        var instance = new PostgresInstance(config, () => Dynamic, binaries, _runner);
        // Wired as the agent wires them: a promotion starts from the connection the probe kept.
        var probe = new PostgresProbe(instance);
        var control = new PostgresControl(instance) { TakeConnection = probe.TakeKeptConnection };
        var node = new PostgresTestNode(name, address, config, instance, probe, control,
            new PostgresProvisioning(instance, control, TimeProvider.System));
        _nodes.Add(node);
        return node;
    }

    /// <summary>n1 bootstrapped (initdb, started as primary, roles set up).</summary>
    public async Task<PostgresTestNode> BootstrappedPrimaryAsync()
    {
        PostgresTestNode n1 = await NodeAsync(1);
        await n1.Provisioning.BootstrapAsync(CancellationToken.None);
        return n1;
    }

    /// <summary>
    /// n1 bootstrapped as a primary with a physical slot for n2, then <paramref name="primarySql"/> run on it (so the
    /// clone has it), n2 cloned from n1 with pg_basebackup and started as its replica; returns once n2 streams from n1.
    /// </summary>
    public async Task<(PostgresTestNode Primary, PostgresTestNode Replica)> PrimaryWithStreamingReplicaAsync(string? primarySql = null)
    {
        PostgresTestNode n1 = await BootstrappedPrimaryAsync();
        PostgresTestNode n2 = await NodeAsync(2);
        await n1.ExecuteAsync($"SELECT pg_create_physical_replication_slot('{SlotName.ForMember(n2.Name)}', true)");
        if (primarySql is not null)
        {
            await n1.ExecuteAsync(primarySql);
        }
        await n2.Provisioning.CloneAsync(n1.AsUpstream, CancellationToken.None);
        await n2.Control.StartAsync(StartRole.Replica, n1.AsUpstream, CancellationToken.None);
        await WaitUntilAsync(async () => (await n2.Probe.ProbeAsync(CancellationToken.None)).IsStreaming, "n2 streams from n1");
        return (n1, n2);
    }

    /// <summary>
    /// <see cref="PrimaryWithStreamingReplicaAsync"/>, then n1 stopped immediately, as in a failover: returns once n2
    /// no longer streams (its walreceiver retries in vain).
    /// </summary>
    public async Task<(PostgresTestNode Primary, PostgresTestNode Replica)> ReplicaWithoutItsPrimaryAsync()
    {
        (PostgresTestNode n1, PostgresTestNode n2) = await PrimaryWithStreamingReplicaAsync();
        await n1.Control.StopAsync(DemoteMode.Immediate, CancellationToken.None);
        await WaitUntilAsync(async () => !(await n2.Probe.ProbeAsync(CancellationToken.None)).IsStreaming, "n2 stops streaming");
        return (n1, n2);
    }

    /// <summary>Polls <paramref name="condition"/> until true; fails naming <paramref name="because"/> after <paramref name="timeout"/> (a hang guard, not a threshold).</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string because, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(60)))
            {
                throw new TimeoutException($"gave up waiting: {because}");
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (PostgresTestNode node in _nodes)
        {
            await StopHardAsync(node);
        }
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private async Task StopHardAsync(PostgresTestNode node)
    {
        if (PostmasterProcess.ReadPid(node.Instance.DataDir) is not int pid || !PostmasterProcess.IsAlive(pid))
        {
            return;
        }
        await _runner.RunAsync(new ProcessSpec("/bin/kill", ["-CONT", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]), CancellationToken.None);
        await node.Instance.RunAsync("pg_ctl", ["stop", "-D", node.Instance.DataDir, "-m", "immediate", "-w", "-t", "10"], TimeSpan.FromSeconds(20), CancellationToken.None);
        if (PostmasterProcess.IsAlive(pid))
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
    }

    private PghaConfig Config(string name, string address) => new()
    {
        Scope = "pgtest",
        Name = name,
        RestApi = new RestApiConfig { Listen = $"{address}:8008", ConnectAddress = $"{address}:8008" },
        Etcd3 = new Etcd3Config { Hosts = [$"{_network}.250:2379"] },
        Bootstrap = new BootstrapConfig
        {
            PostBootstrap = "psql -v ON_ERROR_STOP=1 -c 'CREATE TABLE made_by_post_bootstrap (id int)'",
            Initdb = [new InitdbOption("encoding", "UTF8"), new InitdbOption("data-checksums", null)],
            PgHba = ["host all all 127.0.0.0/8 scram-sha-256", "host replication all 127.0.0.0/8 scram-sha-256"],
        },
        Postgresql = new PostgresqlConfig
        {
            Listen = $"{address}:{PostgresTestNode.Port}",
            ConnectAddress = $"{address}:{PostgresTestNode.Port}",
            DataDir = Path.Combine(Root, name, "data"),
            Superuser = new Credentials("postgres", SuperuserPassword),
            Replication = new Credentials("replicator", "rep-pass:1"),
            Parameters = new Dictionary<string, string> { ["shared_buffers"] = "16MB", ["max_connections"] = "30" },
            PgCtlTimeout = PgCtlTimeout,
        },
    };
}

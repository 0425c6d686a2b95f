using System.Diagnostics;
using Pgha.Testing.Netns;

namespace Pgha.Testing;

/// <summary>
/// A real etcd cluster (1 to 5 members) from <c>/usr/bin/etcd</c>, one member per loopback address with the standard
/// ports 2379/2380, data under a fresh temp dir. Every process is killed and every file removed on dispose.
/// </summary>
public sealed class EtcdCluster : IAsyncDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly ProcessGuard _guard = new();
    private readonly TestPaths _paths;
    private readonly Process?[] _processes;
    private readonly string _token = "pgha-" + Guid.NewGuid().ToString("N")[..12];
    private readonly IHostLauncher _launcher;

    /// <param name="addresses">Loopback addresses, one per member, such as 127.0.61.1.</param>
    /// <param name="extraArgs">More etcd flags for every member, such as <c>--auth-token-ttl 1</c>.</param>
    /// <param name="launcher">Where members run; by default in the test's own namespace.</param>
    public EtcdCluster(IReadOnlyList<string> addresses, string etcdBinary = "/usr/bin/etcd", IReadOnlyList<string>? extraArgs = null, IHostLauncher? launcher = null)
    {
        _launcher = launcher ?? PlainLauncher.Instance;
        ExtraArgs = extraArgs ?? [];
        if (addresses.Count is < 1 or > 5)
        {
            throw new ArgumentOutOfRangeException(nameof(addresses), addresses.Count, "an etcd test cluster has 1 to 5 members");
        }
        Addresses = addresses;
        EtcdBinary = etcdBinary;
        _paths = new TestPaths("etcd");
        _processes = new Process?[addresses.Count];
    }

    public IReadOnlyList<string> Addresses { get; }
    public string EtcdBinary { get; }
    public IReadOnlyList<string> ExtraArgs { get; }
    public int Count => Addresses.Count;
    public IReadOnlyList<string> ClientUrls => Addresses.Select(a => $"http://{a}:2379").ToList();
    public string MemberName(int i) => $"e{i + 1}";
    public string DataDir(int i) => _paths.Sub($"{MemberName(i)}.data");
    public string LogFile(int i) => _paths.Sub($"{MemberName(i)}.log");

    /// <summary>Starts every member and waits (bounded) until each answers a read.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        for (int i = 0; i < Count; i++)
        {
            Launch(i, "new");
        }
        for (int i = 0; i < Count; i++)
        {
            await WaitHealthyAsync(i, timeout ?? TimeSpan.FromSeconds(60));
        }
    }

    /// <summary>SIGTERM, then wait for the process to exit (SIGKILL after the grace period).</summary>
    public async Task StopMemberAsync(int i)
    {
        if (_processes[i] is Process p)
        {
            await _guard.StopAsync(p);
            _processes[i] = null;
        }
    }

    /// <summary>SIGKILL, as a crash.</summary>
    public async Task KillMemberAsync(int i)
    {
        if (_processes[i] is Process p)
        {
            await _guard.KillAsync(p);
            _processes[i] = null;
        }
    }

    /// <summary>Restarts a stopped member on its old data dir and waits until it answers.</summary>
    public async Task StartMemberAsync(int i, TimeSpan? timeout = null)
    {
        Launch(i, "existing");
        await WaitHealthyAsync(i, timeout ?? TimeSpan.FromSeconds(60));
    }

    /// <summary>Kills every member at once (a clean stop would wait for lost peers) and deletes the data.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Count).Select(KillMemberAsync));
            await _guard.DisposeAsync();
        }
        finally
        {
            _paths.Dispose();
        }
    }

    private void Launch(int i, string clusterState)
    {
        if (_processes[i] is not null)
        {
            throw new InvalidOperationException($"etcd member {MemberName(i)} is already running");
        }
        string address = Addresses[i];
        string initialCluster = string.Join(',', Addresses.Select((a, j) => $"{MemberName(j)}=http://{a}:2380"));
        string[] args =
        [
            "--name", MemberName(i), "--data-dir", DataDir(i),
            "--listen-client-urls", $"http://{address}:2379", "--advertise-client-urls", $"http://{address}:2379",
            "--listen-peer-urls", $"http://{address}:2380", "--initial-advertise-peer-urls", $"http://{address}:2380",
            "--initial-cluster", initialCluster, "--initial-cluster-state", clusterState,
            "--initial-cluster-token", _token, "--pre-vote",
        ];
        ProcessCommand command = _launcher.On(address, EtcdBinary, [.. args, .. ExtraArgs]);
        _processes[i] = _guard.Start(command.FileName, command.Args, LogFile(i));
    }

    private async Task WaitHealthyAsync(int i, TimeSpan timeout)
    {
        string url = ClientUrls[i];
        await Wait.UntilAsync(async () =>
        {
            if (_processes[i] is not { HasExited: false })
            {
                throw new InvalidOperationException($"etcd {MemberName(i)} exited; see {LogFile(i)}");
            }
            if (!_launcher.HostsReachable)
            {
                return await IsHealthyInsideAsync(i);
            }
            // /health answers without credentials even when auth is enabled, and only once the member has a leader.
            string body = await s_http.GetStringAsync(url + "/health");
            return body.Contains("\"health\":\"true\"", StringComparison.Ordinal);
        }, timeout, $"etcd {MemberName(i)} at {url} reports healthy (log: {LogFile(i)})");
    }

    /// <summary>Asks etcdctl, run beside the member, when the test process cannot reach the member itself.</summary>
    private async Task<bool> IsHealthyInsideAsync(int i)
    {
        ProcessCommand probe = _launcher.On(Addresses[i], "etcdctl", ["--endpoints", ClientUrls[i], "--command-timeout=2s", "endpoint", "health"]);
        (int exitCode, string _, string _) = await _guard.RunAsync(probe.FileName, probe.Args, TimeSpan.FromSeconds(10));
        return exitCode == 0;
    }
}

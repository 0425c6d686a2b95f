using System.Diagnostics;
using System.Globalization;

namespace Pgha.Testing.Netns;

/// <summary>
/// Network namespaces for fault tests: one bridge <c>pgfbr0</c> and one namespace per host (<c>pgf&lt;name&gt;</c>),
/// joined by veth pairs, with addresses in 10.231.70.0/24 inside the namespaces only (the root namespace gets no
/// address or route, so test traffic cannot leave the host). Faults: a host's link down, or nft drop rules inside
/// its namespace. Dispose kills every process still in the namespaces by pid, then deletes them and the bridge,
/// pass or fail.
/// </summary>
public sealed class NetnsLab : IHostLauncher, IAsyncDisposable
{
    public const string Bridge = "pgfbr0";
    public const string Prefix = "pgf";
    public const string Subnet = "10.231.70";
    private const string FaultTable = "pgfault";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(30);

    // Processes get a long grace: agents stop PostgreSQL on SIGTERM.
    private readonly ProcessGuard _processes = new() { TerminateGrace = TimeSpan.FromSeconds(30) };
    private readonly List<NetnsHost> _hosts = [];
    private readonly TestPaths _paths = new("netns");

    private NetnsLab()
    {
    }

    public IReadOnlyList<NetnsHost> Hosts => _hosts;

    public bool HostsReachable => false;

    /// <summary>Removes leftovers of a crashed run, then creates the bridge and one namespace per host.</summary>
    /// <param name="hosts">Host name (a few letters, it becomes part of interface names) to the last octet of its address.</param>
    public static async Task<NetnsLab> CreateAsync(IReadOnlyDictionary<string, int> hosts)
    {
        var lab = new NetnsLab();
        try
        {
            await NetnsSweep.RemoveLeftoversAsync();
            await NetnsSweep.IpAsync("link", "add", Bridge, "type", "bridge");
            await NetnsSweep.IpAsync("link", "set", Bridge, "up");
            foreach ((string name, int octet) in hosts)
            {
                await lab.AddHostAsync(name, $"{Subnet}.{octet.ToString(CultureInfo.InvariantCulture)}");
            }
            return lab;
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }
    }

    public NetnsHost Host(string name) =>
        _hosts.FirstOrDefault(h => h.Name == name) ?? throw new ArgumentException($"no host {name} in the lab", nameof(name));

    public string Address(string name) => Host(name).Address;

    public ProcessCommand On(string address, string fileName, IReadOnlyList<string> args)
    {
        NetnsHost host = _hosts.FirstOrDefault(h => h.Address == address)
            ?? throw new ArgumentException($"no lab host has address {address}", nameof(address));
        return new ProcessCommand("ip", ["netns", "exec", host.Namespace, fileName, .. args]);
    }

    /// <summary>Starts a long-running process inside the host's namespace; it is ended on dispose.</summary>
    public Process Start(string host, string fileName, IReadOnlyList<string> args, string? logFile = null)
    {
        ProcessCommand command = On(Address(host), fileName, args);
        return _processes.Start(command.FileName, command.Args, logFile);
    }

    public Task StopAsync(Process process) => _processes.StopAsync(process);

    /// <summary>Runs a short command inside the host's namespace and captures its output.</summary>
    public Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string host, string fileName, IReadOnlyList<string> args, TimeSpan? timeout = null)
    {
        ProcessCommand command = On(Address(host), fileName, args);
        return _processes.RunAsync(command.FileName, command.Args, timeout ?? s_commandTimeout);
    }

    /// <summary>Pulls the host's cable: its veth goes down on the bridge side, so its packets vanish (a black hole, not a refusal).</summary>
    public Task IsolateAsync(string host) => NetnsSweep.IpAsync("link", "set", Host(host).Veth, "down");

    /// <summary>
    /// Drops, inside <paramref name="host"/>'s namespace, its traffic with <paramref name="others"/> in both directions:
    /// only TCP to or from <paramref name="ports"/> when given, else everything. Rules add up until <see cref="HealAsync"/>.
    /// </summary>
    public async Task CutFromAsync(string host, IReadOnlyList<string> others, IReadOnlyList<int>? ports = null)
    {
        string file = _paths.Sub($"cut-{host}-{Guid.NewGuid().ToString("N")[..6]}.nft");
        await File.WriteAllTextAsync(file, NftCut.Rules(FaultTable, others.Select(Address).ToList(), ports));
        await CheckedAsync(host, "nft", ["-f", file]);
    }

    /// <summary>Undoes every fault on the host: link up, drop rules removed.</summary>
    public async Task HealAsync(string host)
    {
        await NetnsSweep.IpAsync("link", "set", Host(host).Veth, "up");
        (int exitCode, string _, string _) = await RunAsync(host, "nft", ["list", "table", "inet", FaultTable]);
        if (exitCode == 0)
        {
            await CheckedAsync(host, "nft", ["delete", "table", "inet", FaultTable]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _processes.DisposeAsync();
            foreach (NetnsHost host in _hosts)
            {
                await NetnsSweep.RemoveNamespaceAsync(host.Namespace, host.Veth);
            }
            await NetnsSweep.RemoveBridgeAsync();
        }
        finally
        {
            _paths.Dispose();
        }
    }

    private async Task AddHostAsync(string name, string address)
    {
        var host = new NetnsHost(name, Prefix + name, $"{Prefix}v-{name}", address);
        await NetnsSweep.IpAsync("netns", "add", host.Namespace);
        _hosts.Add(host);
        await NetnsSweep.IpAsync("link", "add", host.Veth, "type", "veth", "peer", "name", "eth0", "netns", host.Namespace);
        await NetnsSweep.IpAsync("link", "set", host.Veth, "master", Bridge);
        await NetnsSweep.IpAsync("link", "set", host.Veth, "up");
        await NetnsSweep.IpAsync("-n", host.Namespace, "addr", "add", address + "/24", "dev", "eth0");
        await NetnsSweep.IpAsync("-n", host.Namespace, "link", "set", "eth0", "up");
        await NetnsSweep.IpAsync("-n", host.Namespace, "link", "set", "lo", "up");
    }

    private async Task CheckedAsync(string host, string fileName, IReadOnlyList<string> args)
    {
        (int exitCode, string _, string stderr) = await RunAsync(host, fileName, args);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} in {Host(host).Namespace} failed ({exitCode}): {stderr.Trim()}");
        }
    }
}

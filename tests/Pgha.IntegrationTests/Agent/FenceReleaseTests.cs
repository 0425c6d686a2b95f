using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Pgha.Agent;
using Pgha.Core.Ha;
using Pgha.Etcd;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>
/// The fence of a leader whose agent died, against a real etcd: it revokes the lease the agent named once nothing of
/// PostgreSQL is left on the node, and leaves the key to expire whenever that is in doubt. The leases live 10 minutes,
/// so a key that is gone was revoked, not expired.
/// </summary>
public sealed class FenceReleaseTests : IAsyncLifetime
{
    private const string Key = "/service/fence/leader";
    private readonly EtcdCluster _etcd = new(["127.0.55.1"]);
    private readonly string _root = Path.Combine("/tmp", $"pgha-test-release-{Guid.NewGuid().ToString("N")[..8]}");
    private readonly StringWriter _log = new();
    private readonly ProcessGuard _processes = new();
    private readonly CancellationTokenSource _stop = new();
    private EtcdGatewayClient? _client;

    private string DataDir => Path.Combine(_root, "data");
    private string RunDir => Path.Combine(_root, "run");
    private string ConfigPath => Path.Combine(_root, "pgha.yaml");
    private EtcdGatewayClient Client => _client!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDir);
        Directory.CreateDirectory(RunDir);
        File.WriteAllText(ConfigPath, "scope: fence\nname: n1\nrestapi: {listen: 127.0.55.1:8008}\netcd3: {hosts: 127.0.55.1:2379}\n"
            + $"postgresql: {{listen: 127.0.55.1:5432, data_dir: {DataDir}, authentication: {{superuser: {{username: postgres, password: a}}, replication: {{username: r, password: b}}}}}}\n");
        await _etcd.StartAsync();
        _client = new EtcdGatewayClient(_etcd.ClientUrls);
    }

    [Fact]
    public async Task The_fence_of_a_dead_leader_revokes_its_lease_once_no_postgres_process_is_left()
    {
        long lease = await PutLeaderKeyAsync();
        int agent = await DeadAgentAsync();
        WriteLease(new FenceLease(lease, agent));

        await RunFenceAsync(agent);

        Assert.False(await KeyExistsAsync(), _log.ToString());
        Assert.Contains($"released the leader key: revoked lease {lease:x}", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fence_releases_the_lease_when_a_postmaster_that_outlived_the_agent_dies()
    {
        long lease = await PutLeaderKeyAsync();
        Process agent = _processes.Start("/bin/sleep", ["600"]);
        WriteLease(new FenceLease(lease, agent.Id));
        File.WriteAllText(Path.Combine(RunDir, "fence.deadline"), DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        Process postmaster = StartStandInPostmaster();
        Task fence = StartFence(agent.Id);

        await _processes.KillAsync(agent);
        Assert.False(fence.IsCompleted);
        Assert.True(await KeyExistsAsync());
        await _processes.KillAsync(postmaster);

        await fence.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.False(await KeyExistsAsync(), _log.ToString());
    }

    [Fact]
    public async Task The_fence_leaves_the_key_while_a_process_still_works_in_the_data_directory()
    {
        long lease = await PutLeaderKeyAsync();
        int agent = await DeadAgentAsync();
        WriteLease(new FenceLease(lease, agent));
        Process orphan = _processes.Start("/bin/sleep", ["600"], configure: psi => psi.WorkingDirectory = DataDir);

        await RunFenceAsync(agent);

        Assert.True(await KeyExistsAsync());
        Assert.Contains($"not releasing lease {lease:x}: pid {orphan.Id} (sleep) works in the data directory", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fence_leaves_the_key_when_the_agent_that_named_the_lease_still_runs()
    {
        long lease = await PutLeaderKeyAsync();
        WriteLease(new FenceLease(lease, Environment.ProcessId));

        await RunFenceAsync(await DeadAgentAsync());

        Assert.True(await KeyExistsAsync());
        Assert.Contains($"the agent that named it (pid {Environment.ProcessId}) runs", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_fence_of_a_replica_releases_nothing()
    {
        await PutLeaderKeyAsync();
        int agent = await DeadAgentAsync();
        WriteLease(new FenceLease(0, agent));

        await RunFenceAsync(agent);

        Assert.True(await KeyExistsAsync());
        Assert.DoesNotContain("lease", _log.ToString(), StringComparison.Ordinal);
    }

    // With the agent gone and no postmaster the fence acts once and exits; the bound only stops a hung test.
    private Task RunFenceAsync(int agentPid) => StartFence(agentPid).WaitAsync(TimeSpan.FromSeconds(60));

    private Task StartFence(int agentPid)
    {
        string leaseFile = Path.Combine(RunDir, "fence.lease");
        var watcher = new FenceWatcher(DataDir, Path.Combine(RunDir, "fence.deadline"), agentPid, TextWriter.Synchronized(_log),
            new FenceRelease(DataDir, leaseFile, ConfigPath));
        return Task.Run(() => watcher.RunAsync(_stop.Token));
    }

    /// <summary>A copy of sleep named postgres, so /proc shows a live postmaster for the data directory.</summary>
    private Process StartStandInPostmaster()
    {
        string binary = Path.Combine(_root, "postgres");
        File.Copy("/bin/sleep", binary);
        Process postmaster = _processes.Start(binary, ["600"]);
        File.WriteAllText(Path.Combine(DataDir, "postmaster.pid"), postmaster.Id.ToString(CultureInfo.InvariantCulture) + "\n" + DataDir + "\n");
        return postmaster;
    }

    private async Task<long> PutLeaderKeyAsync()
    {
        JsonNode grant = await Client.CallAsync("/v3/lease/grant", new JsonObject { ["TTL"] = "600" }, CancellationToken.None);
        long lease = EtcdJson.Int64(grant["ID"]);
        await Client.CallAsync("/v3/kv/put", EtcdJson.Put(Key, "n1", lease), CancellationToken.None);
        return lease;
    }

    private async Task<bool> KeyExistsAsync()
    {
        JsonNode reply = await Client.CallAsync("/v3/kv/range", new JsonObject { ["key"] = EtcdJson.B64(Key) }, CancellationToken.None);
        return EtcdJson.KeyValues(reply).Count == 1;
    }

    /// <summary>The pid of a process that ran and exited, as an agent killed with kill -9 leaves it.</summary>
    private async Task<int> DeadAgentAsync()
    {
        using Process agent = Process.Start("/bin/true")!;
        await agent.WaitForExitAsync();
        return agent.Id;
    }

    private void WriteLease(FenceLease lease) =>
        File.WriteAllText(Path.Combine(RunDir, "fence.lease"), lease.Format());

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        _stop.Dispose();
        await _processes.DisposeAsync();
        _client?.Dispose();
        await _etcd.DisposeAsync();
        _log.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}

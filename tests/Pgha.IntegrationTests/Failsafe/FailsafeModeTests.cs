using System.Diagnostics;
using System.Text;
using Pgha.Core.Generation;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Failsafe;

/// <summary>
/// failsafe_mode with every etcd member gone: the primary keeps taking writes while every member acknowledges it, and
/// demotes as before when failsafe_mode is off or one member is missing.
/// </summary>
public sealed class FailsafeModeTests : IAsyncLifetime
{
    // ttl 10 s: one cycle without etcd lasts retry_timeout plus the POST round, well inside ttl minus the margin.
    private static readonly TimingProfile s_timing = new(10, 1, 2);
    private readonly AgentCluster _cluster = new("failsafe", ["127.0.84.10", "127.0.84.11", "127.0.84.12"], s_timing);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Task StartAsync(bool failsafe) => _cluster.StartAsync(failsafe ? WithFailsafeMode : null);

    private static string WithFailsafeMode(string host, string yaml)
    {
        const string anchor = "    maximum_lag_on_failover: 1048576\n";
        Assert.Contains(anchor, yaml, StringComparison.Ordinal);
        return yaml.Replace(anchor, anchor + "    failsafe_mode: true\n", StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_failsafe_mode_the_primary_keeps_taking_writes_for_longer_than_ttl_after_every_etcd_member_is_gone()
    {
        await StartAsync(failsafe: true);
        string leader = await WaitForFailsafeKeyAsync();
        await _cluster.ExecuteAsync(leader, "create table failsafe_writes(at timestamptz default now())");
        string replica = _cluster.Names.First(n => n != leader);
        Assert.Equal((500, "Running as a leader"), await PostFailsafeAsync(leader, "n9"));
        Assert.Equal((200, "Accepted"), await PostFailsafeAsync(replica, "n9"));

        await KillEtcdAsync();

        // Observe for three ttl: without failsafe the primary would have demoted within one.
        var watch = Stopwatch.StartNew();
        int writes = 0;
        while (watch.Elapsed < 3 * TimeSpan.FromSeconds(s_timing.Ttl))
        {
            await _cluster.ExecuteAsync(leader, "insert into failsafe_writes default values");
            writes++;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
        Assert.True(await _cluster.IsWritablePrimaryAsync(leader));
        Assert.Contains("continue to run as a leader because failsafe mode is enabled and all members are accessible", _cluster.Log(leader), StringComparison.Ordinal);
        Assert.Equal(writes, await _cluster.CountAsync(leader, "failsafe_writes"));
    }

    [Fact]
    public async Task Without_failsafe_mode_the_primary_demotes_when_every_etcd_member_is_gone()
    {
        await StartAsync(failsafe: false);
        string leader = await _cluster.WaitHealthyAsync();

        await KillEtcdAsync();

        await Wait.UntilAsync(async () => !await _cluster.IsWritablePrimaryAsync(leader), TimeSpan.FromSeconds(60), "the primary to stop taking writes");
        Assert.DoesNotContain("failsafe mode is enabled", _cluster.Log(leader), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_failsafe_mode_the_primary_demotes_when_etcd_is_gone_and_one_replica_agent_is_dead()
    {
        await StartAsync(failsafe: true);
        string leader = await WaitForFailsafeKeyAsync();
        string replica = _cluster.Names.First(n => n != leader);

        await KillEtcdAsync();
        await _cluster.KillAgentAsync(replica);

        await Wait.UntilAsync(async () => !await _cluster.IsWritablePrimaryAsync(leader), TimeSpan.FromSeconds(60), "the primary to stop taking writes");
        Assert.Contains("failsafe mode could not reach every member", _cluster.Log(leader), StringComparison.Ordinal);
    }

    /// <summary>A healthy cluster whose leader has published all three members in the failsafe key; returns the leader.</summary>
    private async Task<string> WaitForFailsafeKeyAsync()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await Wait.UntilAsync(async () => (await _cluster.TryReadAsync()).Failsafe is { Count: 3 }, TimeSpan.FromSeconds(60), "the leader to write the failsafe key");
        return leader;
    }

    private async Task KillEtcdAsync()
    {
        for (int i = 0; i < _cluster.Etcd.Count; i++)
        {
            await _cluster.Etcd.KillMemberAsync(i);
        }
        Assert.False((await _cluster.TryReadAsync()).IsReachable);
    }

    private async Task<(int, string)> PostFailsafeAsync(string node, string primary)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        string body = $$"""{"slots":{},"name":"{{primary}}","conn_url":"postgres://127.0.0.1:5432/postgres","api_url":"http://127.0.0.1:8008/patroni"}""";
        using HttpResponseMessage response = await http.PostAsync($"http://{_cluster.Address(node)}:8008/failsafe", new StringContent(body, Encoding.UTF8, "application/json"));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}

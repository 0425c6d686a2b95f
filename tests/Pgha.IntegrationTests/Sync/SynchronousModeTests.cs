using System.Net;
using Pgha.IntegrationTests.Operate;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Sync;

/// <summary>synchronous_mode turned on, made strict, relaxed and turned off through the dynamic config of one real cluster.</summary>
public sealed class SynchronousModeTests : IAsyncLifetime
{
    private const string CancelledWait = "canceling wait for synchronous replication";
    private readonly AgentCluster _cluster = new("sync-mode", ["127.0.82.1", "127.0.82.2", "127.0.82.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Sync_mode_names_one_standby_strict_mode_holds_commits_without_standbys_and_turning_it_off_clears_it()
    {
        string leader = await _cluster.WaitHealthyAsync();
        string standby = await The_sync_key_the_setting_and_pg_stat_replication_agree_on_one_standby(leader);
        Assert.NotEqual(leader, standby);
        await Strict_mode_without_standbys_holds_commits_and_non_strict_mode_lets_them_through(leader);
        await Turning_sync_mode_off_deletes_the_sync_key_and_clears_the_setting(leader);
    }

    private async Task<string> The_sync_key_the_setting_and_pg_stat_replication_agree_on_one_standby(string leader)
    {
        await _cluster.SetAsync("synchronous_mode=true");

        string standby = await _cluster.WaitForSyncStandbyAsync(leader);

        Assert.Equal($"\"{standby}\"", await _cluster.SyncNamesAsync(leader));
        Assert.Equal("sync", await _cluster.SyncStateAsync(leader, standby));
        string other = _cluster.Names.Single(n => n != leader && n != standby);
        Assert.Equal("async", await _cluster.SyncStateAsync(leader, other));
        await Wait.UntilAsync(async () => await _cluster.RestStatusAsync(standby, "/sync") == HttpStatusCode.OK, SyncCluster.Patience, $"GET /sync on {standby} to answer 200");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await _cluster.RestStatusAsync(other, "/sync"));
        Assert.Equal(HttpStatusCode.OK, await _cluster.RestStatusAsync(other, "/async"));
        Assert.Equal(HttpStatusCode.OK, await _cluster.RestStatusAsync(leader, "/read-only-sync"));
        CtlRun.Result list = await CtlRun.PghaAsync("list", "-c", _cluster.ConfigPath("n1"));
        Assert.Contains(list.Output.Split('\n'), l => l.Contains($" {standby} ", StringComparison.Ordinal) && l.Contains("Sync Standby", StringComparison.Ordinal));
        return standby;
    }

    private async Task Strict_mode_without_standbys_holds_commits_and_non_strict_mode_lets_them_through(string leader)
    {
        await _cluster.ExecuteAsync(leader, "create table t(x int)");
        await _cluster.SetAsync("synchronous_mode_strict=true");
        foreach (string replica in _cluster.Names.Where(n => n != leader))
        {
            await _cluster.StopAgentAsync(replica);
            _cluster.KillPostmaster(replica);
        }
        await Wait.UntilAsync(async () => await _cluster.SyncNamesAsync(leader) == "*", SyncCluster.Patience, "the strict leader to wait for any standby ('*')");
        Assert.Equal([], (await _cluster.ReadAsync()).Sync?.SyncStandbys);

        IReadOnlyList<string> strict = await _cluster.ExecuteWithTimeoutAsync(leader, "insert into t values (1)");

        Assert.Contains(strict, n => n.Contains(CancelledWait, StringComparison.Ordinal));

        await _cluster.SetAsync("synchronous_mode_strict=false");
        await Wait.UntilAsync(async () => await _cluster.SyncNamesAsync(leader) == "", SyncCluster.Patience, "the non-strict leader to stop waiting for standbys");

        IReadOnlyList<string> relaxed = await _cluster.ExecuteWithTimeoutAsync(leader, "insert into t values (2)");

        Assert.DoesNotContain(relaxed, n => n.Contains(CancelledWait, StringComparison.Ordinal));
        foreach (string replica in _cluster.Names.Where(n => n != leader))
        {
            _cluster.StartAgent(replica);
        }
        await _cluster.WaitHealthyAsync();
    }

    private async Task Turning_sync_mode_off_deletes_the_sync_key_and_clears_the_setting(string leader)
    {
        await _cluster.WaitForSyncStandbyAsync(leader);

        await _cluster.SetAsync("synchronous_mode=false");

        await Wait.UntilAsync(async () => (await _cluster.TryReadAsync()) is { IsReachable: true, Sync: null }, SyncCluster.Patience, "the sync key to be deleted");
        await Wait.UntilAsync(async () => await _cluster.SyncNamesAsync(leader) == "", SyncCluster.Patience, "synchronous_standby_names to be cleared");
    }
}

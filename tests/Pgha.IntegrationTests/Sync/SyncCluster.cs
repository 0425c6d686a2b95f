using System.Net;
using Npgsql;
using Pgha.Core.Cluster;
using Pgha.IntegrationTests.Operate;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Sync;

/// <summary>What the synchronous replication tests ask of a running <see cref="AgentCluster"/>: settings, the sync key, the leader's view.</summary>
internal static class SyncCluster
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>Changes the dynamic config as an operator would: <c>pgha edit-config -s key=value</c>.</summary>
    public static async Task SetAsync(this AgentCluster cluster, string setting)
    {
        CtlRun.Result result = await CtlRun.PghaAsync("edit-config", "-c", cluster.ConfigPath("n1"), "--force", "-s", setting);
        Assert.True(result.ExitCode == 0, result.All);
    }

    /// <summary>Waits until the sync key names <paramref name="leader"/> and one standby that PostgreSQL reports sync; returns it.</summary>
    public static async Task<string> WaitForSyncStandbyAsync(this AgentCluster cluster, string leader)
    {
        string standby = "";
        await Wait.UntilAsync(async () =>
        {
            ClusterView view = await cluster.TryReadAsync();
            if (view.Sync is not { SyncStandbys: [string named] } sync || sync.Leader != leader)
            {
                return false;
            }
            standby = named;
            return await cluster.SyncStateAsync(leader, named) == "sync";
        }, Patience, $"the sync key to name a synchronous standby of {leader}");
        return standby;
    }

    public static Task<string> SyncNamesAsync(this AgentCluster cluster, string node) =>
        cluster.ScalarAsync<string>(node, "show synchronous_standby_names");

    public static async Task<string?> SyncStateAsync(this AgentCluster cluster, string leader, string standby)
    {
        await using NpgsqlConnection c = cluster.Connect(leader);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand("select sync_state from pg_stat_replication where application_name = $1", c) { Parameters = { new() { Value = standby } } };
        return await cmd.ExecuteScalarAsync() as string;
    }

    /// <summary>Runs <paramref name="sql"/> with a 5 s statement_timeout and returns the notices: a cancelled wait for a standby is one.</summary>
    public static async Task<IReadOnlyList<string>> ExecuteWithTimeoutAsync(this AgentCluster cluster, string node, string sql)
    {
        var notices = new List<string>();
        await using NpgsqlConnection c = new(cluster.ConnectionString(cluster.Address(node)).Replace("Command Timeout=5", "Command Timeout=30", StringComparison.Ordinal));
        c.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"set statement_timeout = '5s'; {sql}", c);
        await cmd.ExecuteNonQueryAsync();
        return notices;
    }

    public static async Task<HttpStatusCode> RestStatusAsync(this AgentCluster cluster, string node, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using HttpResponseMessage response = await http.GetAsync(new Uri($"http://{cluster.Address(node)}:8008{path}"));
        return response.StatusCode;
    }
}

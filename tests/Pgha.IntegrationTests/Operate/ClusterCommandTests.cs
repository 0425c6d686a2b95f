using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Operate;

/// <summary>The read commands, switchover and failover of `pgha` (and the real patronictl) against one real cluster.</summary>
public sealed class ClusterCommandTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("operate-cmd", ["127.0.80.1", "127.0.80.2", "127.0.80.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string Config => _cluster.ConfigPath("n1");

    [Fact]
    public async Task Read_commands_switchover_and_failover_work_against_a_real_cluster()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await Reading_commands_show_the_cluster(leader);
        await Refused_candidates_change_nothing(leader);
        leader = await Switchover_under_a_writer_loses_no_acknowledged_row(leader);
        if (File.Exists("/usr/bin/patronictl"))
        {
            // scripts/install-deps.sh --test installs Debian's patroni; the real patronictl must drive a pgha cluster.
            leader = await Patronictl_lists_shows_config_and_switches_over(leader);
        }
        await Failover_promotes_the_chosen_member(leader);
    }

    private async Task Reading_commands_show_the_cluster(string leader)
    {
        CtlRun.Result list = await CtlRun.PghaAsync("list", "-c", Config);
        Assert.Equal(0, list.ExitCode);
        ClusterView view = await _cluster.ReadAsync();
        Assert.Contains($"+ Cluster: {AgentCluster.Scope} ({view.Initialize})", list.Output, StringComparison.Ordinal);
        Assert.Contains("| Receive LSN |", list.Output, StringComparison.Ordinal);
        Assert.Matches($@"\| {leader} +\| [0-9.]+ +\| Leader ", list.Output);

        CtlRun.Result global = await CtlRun.PghaAsync("-c", Config, "list", "-f", "json");
        Assert.Equal(0, global.ExitCode);
        Assert.Contains($"\"Member\":\"{leader}\"", global.Output, StringComparison.Ordinal);
        Assert.Contains("- Member: ", (await CtlRun.PghaAsync("list", "-c", Config, "-f", "yaml")).Output, StringComparison.Ordinal);
        Assert.StartsWith("Cluster\tMember\tHost", (await CtlRun.PghaAsync("list", "-c", Config, "-f", "tsv")).Output, StringComparison.Ordinal);
        CtlRun.Result extended = await CtlRun.PghaAsync("list", "-c", Config, "-e", "-t", "-W", "--count", "2");
        Assert.Equal(2, extended.Output.Split("Pending restart reason").Length - 1);

        CtlRun.Result byUrl = await CtlRun.PghaAsync("list", AgentCluster.Scope, "--dcs-url", $"etcd3://{_cluster.Addresses[0]}:2379");
        Assert.Equal(0, byUrl.ExitCode);
        Assert.Contains(leader, byUrl.Output, StringComparison.Ordinal);

        CtlRun.Result topology = await CtlRun.PghaAsync("topology", "-c", Config);
        Assert.Matches(@"\| \+ n\d", topology.Output);
        Assert.Contains("loop_wait: 1", (await CtlRun.PghaAsync("show-config", "-c", Config)).Output, StringComparison.Ordinal);
        Assert.Contains("| TL |", (await CtlRun.PghaAsync("history", "-c", Config)).Output, StringComparison.Ordinal);
        CtlRun.Result dsn = await CtlRun.PghaAsync("dsn", "-c", Config);
        Assert.Contains("target_session_attrs=read-write", dsn.Output, StringComparison.Ordinal);
        Assert.Contains("load_balance_hosts=random", dsn.Output, StringComparison.Ordinal);
        CtlRun.Result version = await CtlRun.PghaAsync("version", "-c", Config, AgentCluster.Scope);
        Assert.Contains($"{leader}: pgha", version.Output, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL 15", version.Output, StringComparison.Ordinal);

        CtlRun.Result missing = await CtlRun.PghaAsync("list");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("-c", missing.Error, StringComparison.Ordinal);
    }

    private async Task Refused_candidates_change_nothing(string leader)
    {
        CtlRun.Result unknown = await CtlRun.PghaAsync("switchover", "-c", Config, "--leader", leader, "--candidate", "nosuch", "--force");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("candidate nosuch: no such member", unknown.Error, StringComparison.Ordinal);
        CtlRun.Result wrongLeader = await CtlRun.PghaAsync("switchover", "-c", Config, "--leader", "nosuch", "--force");
        Assert.Equal(1, wrongLeader.ExitCode);
        Assert.Contains("current leader is " + leader, wrongLeader.Error, StringComparison.Ordinal);
        CtlRun.Result self = await CtlRun.PghaAsync("failover", "-c", Config, "--candidate", leader, "--force");
        Assert.Equal(1, self.ExitCode);

        using var http = new HttpClient();
        HttpResponseMessage bad = await http.PostAsync($"http://{_cluster.Address(leader)}:8008/switchover", new StringContent("{not json"));
        Assert.Equal(400, (int)bad.StatusCode);
        HttpResponseMessage noCandidate = await http.PostAsync($"http://{_cluster.Address(leader)}:8008/failover", new StringContent("{}"));
        Assert.Equal(400, (int)noCandidate.StatusCode);
        Assert.Equal("Failover could be performed only to a specific candidate", await noCandidate.Content.ReadAsStringAsync());
        Assert.Equal(leader, (await _cluster.ReadAsync()).Leader?.Name);
        Assert.Null((await _cluster.ReadAsync()).Failover);
    }

    private async Task<string> Switchover_under_a_writer_loses_no_acknowledged_row(string leader)
    {
        await _cluster.ExecuteAsync(leader, "create table w(x int primary key)");
        string candidate = _cluster.Names.First(n => n != leader);
        await using var writer = new ContinuousWriter(_cluster.WriterConnectionString());
        await writer.WaitForRowsAsync(20);
        CtlRun.Result result = await CtlRun.PghaAsync("switchover", "-c", Config, "--leader", leader, "--candidate", candidate, "--force");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Successfully switched over to \"{candidate}\"", result.Output, StringComparison.Ordinal);
        await writer.WaitForRowsAsync(writer.Acknowledged + 20);
        await writer.StopAsync();
        Assert.Equal(candidate, await _cluster.WaitHealthyAsync());
        long acknowledged = writer.Acknowledged;
        await using var c = _cluster.Connect(candidate);
        await c.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand($"select count(*) from w where x <= {acknowledged}", c);
        Assert.Equal(acknowledged, (long)(await count.ExecuteScalarAsync())!);
        Assert.Contains("manual failover", _cluster.Log(leader), StringComparison.Ordinal);
        return candidate;
    }

    private async Task<string> Patronictl_lists_shows_config_and_switches_over(string leader)
    {
        CtlRun.Result list = await CtlRun.RunAsync("patronictl", ["-c", Config, "list"], null);
        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains(leader, list.Output, StringComparison.Ordinal);
        Assert.Contains("Leader", list.Output, StringComparison.Ordinal);
        CtlRun.Result show = await CtlRun.RunAsync("patronictl", ["-c", Config, "show-config"], null);
        Assert.Contains("loop_wait: 1", show.Output, StringComparison.Ordinal);
        string candidate = _cluster.Names.First(n => n != leader);
        CtlRun.Result switchover = await CtlRun.RunAsync("patronictl", ["-c", Config, "switchover", "--leader", leader, "--candidate", candidate, "--force"], null);
        Assert.True(switchover.ExitCode == 0, switchover.All);
        Assert.Contains($"Successfully switched over to \"{candidate}\"", switchover.Output, StringComparison.Ordinal);
        return await _cluster.WaitHealthyAsync(notLeader: leader);
    }

    private async Task Failover_promotes_the_chosen_member(string leader)
    {
        string candidate = _cluster.Names.First(n => n != leader);
        CtlRun.Result result = await CtlRun.PghaAsync("failover", "-c", Config, "--candidate", candidate, "--force");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains($"Successfully failed over to \"{candidate}\"", result.Output, StringComparison.Ordinal);
        Assert.Equal(candidate, await _cluster.WaitHealthyAsync(notLeader: leader));
        CtlRun.Result history = await CtlRun.PghaAsync("history", "-c", Config, "-f", "json");
        Assert.Contains(candidate, history.Output, StringComparison.Ordinal);
    }
}

using System.Text;
using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Operate;

/// <summary>edit-config, PATCH /config, pause/resume and reload against one real cluster.</summary>
public sealed class ConfigCommandTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("operate-cfg", ["127.0.81.1", "127.0.81.2", "127.0.81.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string Config => _cluster.ConfigPath("n1");

    [Fact]
    public async Task Config_changes_are_validated_applied_and_pending_restarts_shown()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await Bad_values_are_refused_and_etcd_is_unchanged(leader);
        await A_sighup_parameter_is_reloaded_on_every_member();
        await A_postmaster_parameter_shows_pending_restart_with_its_reason();
        await Pause_and_resume_wait_for_every_member();
        await Hba_add_keeps_every_earlier_rule_and_the_new_rule_takes_effect(await _cluster.WaitHealthyAsync());
    }

    private async Task Hba_add_keeps_every_earlier_rule_and_the_new_rule_takes_effect(string leader)
    {
        await _cluster.ExecuteAsync(leader, "create role mallory login password 'mallory-pw'");
        await using (var before = new Npgsql.NpgsqlConnection(MalloryConnection(leader)))
        {
            await before.OpenAsync();
        }
        CtlRun.Result listed = await CtlRun.PghaAsync("hba", "list", "-c", Config);
        Assert.True(listed.ExitCode == 0, listed.All);
        string[] earlier = listed.Output.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.Contains(" Rule ", StringComparison.Ordinal))
            .Select(l => l.Split('|')[2].Trim()).ToArray();
        Assert.Contains("local all all scram-sha-256", earlier);

        CtlRun.Result bad = await CtlRun.PghaAsync("hba", "add", "-c", Config, "--force", "host all mallory 127.0.81.0/33 reject");
        Assert.True(bad.ExitCode == 1, bad.All);
        Assert.Contains("not a valid CIDR", bad.Error, StringComparison.Ordinal);
        CtlRun.Result add = await CtlRun.PghaAsync("hba", "add", "-c", Config, "--force", "--position", "1", "host all mallory 127.0.0.0/8 reject");
        Assert.True(add.ExitCode == 0, add.All);
        Assert.Contains("+host all mallory 127.0.0.0/8 reject", add.Output, StringComparison.Ordinal);
        Assert.Contains("Reload request received for member", add.Output, StringComparison.Ordinal);
        CtlRun.Result duplicate = await CtlRun.PghaAsync("hba", "add", "-c", Config, "--force", "host all  mallory 127.0.0.0/8 reject");
        Assert.True(duplicate.ExitCode == 1, duplicate.All);
        Assert.Contains("is already rule 1", duplicate.Error, StringComparison.Ordinal);

        ClusterView view = await _cluster.ReadAsync();
        var stored = Core.Config.DynamicConfigJson.Parse(view.ConfigJson!).PgHba!;
        Assert.Equal(["host all mallory 127.0.0.0/8 reject", .. earlier], stored);
        foreach (string node in _cluster.Names)
        {
            await Wait.UntilAsync(async () =>
            {
                try
                {
                    await using var c = new Npgsql.NpgsqlConnection(MalloryConnection(node));
                    await c.OpenAsync();
                    return false;
                }
                catch (Npgsql.PostgresException e) when (e.SqlState == "28000")
                {
                    return true;
                }
            }, TimeSpan.FromSeconds(60), $"the reject rule to take effect on {node}");
        }
        CtlRun.Result removed = await CtlRun.PghaAsync("hba", "remove", "-c", Config, "--force", "1");
        Assert.True(removed.ExitCode == 0, removed.All);
        Assert.Equal(earlier, Core.Config.DynamicConfigJson.Parse((await _cluster.ReadAsync()).ConfigJson!).PgHba!);
    }

    private string MalloryConnection(string node) =>
        $"Host={_cluster.Address(node)};Port=5432;Username=mallory;Password=mallory-pw;Database=postgres;Pooling=false;Timeout=3;{NpgsqlGss.Off}";

    private async Task Bad_values_are_refused_and_etcd_is_unchanged(string leader)
    {
        ClusterView before = await _cluster.ReadAsync();
        foreach (string[] edit in new[] { new[] { "-p", "shared_buffers=12qq" }, ["-p", "no_such_parameter=1"], ["-s", "loop_wait=abc"], ["-p", "wal_level=loud"], ["-s", "ttl=2"] })
        {
            CtlRun.Result refused = await CtlRun.PghaAsync(["edit-config", "-c", Config, "--force", .. edit]);
            Assert.True(refused.ExitCode == 1, refused.All);
            Assert.Contains("config refused, nothing written", refused.Error, StringComparison.Ordinal);
        }
        ClusterView after = await _cluster.ReadAsync();
        Assert.Equal(before.ConfigJson, after.ConfigJson);
        Assert.Equal(before.ConfigModRevision, after.ConfigModRevision);

        using var http = new HttpClient();
        string url = $"http://{_cluster.Address(leader)}:8008/config";
        HttpResponseMessage bad = await http.PatchAsync(url, new StringContent("{\"postgresql\":{\"parameters\":{\"work_mem\":\"lots\"}}}", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("work_mem", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        HttpResponseMessage malformed = await http.PatchAsync(url, new StringContent("{oops", Encoding.UTF8, "application/json"));
        Assert.Equal(400, (int)malformed.StatusCode);
        Assert.Equal(before.ConfigJson, (await _cluster.ReadAsync()).ConfigJson);
    }

    private async Task A_sighup_parameter_is_reloaded_on_every_member()
    {
        CtlRun.Result result = await CtlRun.PghaAsync("edit-config", "-c", Config, "--force", "-p", "work_mem=7MB");
        Assert.True(result.ExitCode == 0, result.All);
        Assert.Contains("+    work_mem: 7MB", result.Output, StringComparison.Ordinal);
        Assert.Contains("Configuration changed", result.Output, StringComparison.Ordinal);
        foreach (string node in _cluster.Names)
        {
            await Wait.UntilAsync(async () => await ShowAsync(node, "work_mem") == "7MB", TimeSpan.FromSeconds(60), $"work_mem to reach {node}");
        }
        Assert.Contains("Not changed", (await CtlRun.PghaAsync("edit-config", "-c", Config, "--force", "-p", "work_mem=7MB")).Output, StringComparison.Ordinal);
    }

    private async Task A_postmaster_parameter_shows_pending_restart_with_its_reason()
    {
        string current = await ShowAsync("n1", "max_connections");
        CtlRun.Result result = await CtlRun.PghaAsync("edit-config", "-c", Config, "--force", "-s", "postgresql.parameters.max_connections=150");
        Assert.True(result.ExitCode == 0, result.All);
        await Wait.UntilAsync(async () => (await _cluster.ReadAsync()).Members.All(m => m.PendingRestart), TimeSpan.FromSeconds(60), "every member to need a restart");
        CtlRun.Result list = await CtlRun.PghaAsync("list", "-c", Config);
        Assert.Contains("Pending restart", list.Output, StringComparison.Ordinal);
        Assert.Contains($"max_connections: {current}->150", list.Output, StringComparison.Ordinal);
    }

    private async Task Pause_and_resume_wait_for_every_member()
    {
        CtlRun.Result pause = await CtlRun.PghaAsync("pause", "-c", Config, "--wait");
        Assert.True(pause.ExitCode == 0, pause.All);
        Assert.Contains("Success: cluster management is paused", pause.Output, StringComparison.Ordinal);
        Assert.True((await _cluster.ReadAsync()).Members.All(m => m.Paused));
        Assert.Contains("Maintenance mode: on", (await CtlRun.PghaAsync("list", "-c", Config)).Output, StringComparison.Ordinal);
        Assert.Equal(1, (await CtlRun.PghaAsync("pause", "-c", Config)).ExitCode);
        CtlRun.Result resume = await CtlRun.PghaAsync("resume", "-c", Config, "--wait");
        Assert.True(resume.ExitCode == 0, resume.All);
        Assert.True((await _cluster.ReadAsync()).Members.All(m => !m.Paused));
    }

    private async Task<string> ShowAsync(string node, string parameter)
    {
        await using var c = _cluster.Connect(node);
        await c.OpenAsync();
        await using var show = new Npgsql.NpgsqlCommand($"show {parameter}", c);
        return (string)(await show.ExecuteScalarAsync())!;
    }
}

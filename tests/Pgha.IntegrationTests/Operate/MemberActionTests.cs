using System.Globalization;
using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Operate;

/// <summary>restart (pending, scheduled), reload, reinit, flush, scheduled switchover and remove against one real cluster.</summary>
public sealed class MemberActionTests : IAsyncLifetime
{
    private const string Scope = AgentCluster.Scope;
    private readonly AgentCluster _cluster = new("operate-act", ["127.0.80.11", "127.0.80.12", "127.0.80.13"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private string Config => _cluster.ConfigPath("n1");

    private static string InSeconds(int seconds) => DateTimeOffset.UtcNow.AddSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss+00:00", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Restarts_reloads_reinit_flush_scheduled_switchover_and_remove_work()
    {
        string leader = await _cluster.WaitHealthyAsync();
        await Restart_pending_clears_a_pending_restart();
        await A_scheduled_restart_happens_at_its_time_and_flush_cancels_another(leader);
        leader = await A_scheduled_switchover_happens_and_flush_cancels_another(leader);
        await Reload_and_reinit_act_on_members(leader);
        await Remove_needs_every_confirmation_then_deletes_the_keys(leader);
    }

    private async Task Restart_pending_clears_a_pending_restart()
    {
        CtlRun.Result edit = await CtlRun.PghaAsync("edit-config", "-c", Config, "--force", "-p", "max_connections=120");
        Assert.True(edit.ExitCode == 0, edit.All);
        await Wait.UntilAsync(async () => (await _cluster.ReadAsync()).Members.All(m => m.PendingRestart), TimeSpan.FromSeconds(60), "every member to need a restart");
        CtlRun.Result restart = await CtlRun.PghaAsync("restart", "-c", Config, Scope, "--pending", "--force");
        Assert.True(restart.ExitCode == 0, restart.All);
        Assert.Equal(3, restart.Output.Split("Success: restart on member").Length - 1);
        await Wait.UntilAsync(async () => (await _cluster.ReadAsync()).Members.All(m => !m.PendingRestart), TimeSpan.FromSeconds(60), "the pending restarts to clear");
        Assert.DoesNotContain("Pending restart", (await CtlRun.PghaAsync("list", "-c", Config)).Output, StringComparison.Ordinal);
        await _cluster.WaitHealthyAsync();
    }

    private async Task A_scheduled_restart_happens_at_its_time_and_flush_cancels_another(string leader)
    {
        string replica = _cluster.Names.First(n => n != leader);
        int? pid = _cluster.PostmasterPid(replica);
        CtlRun.Result scheduled = await CtlRun.PghaAsync("restart", "-c", Config, Scope, replica, "--scheduled", InSeconds(15), "--force");
        Assert.True(scheduled.ExitCode == 0, scheduled.All);
        Assert.Contains($"Success: restart scheduled on member {replica}", scheduled.Output, StringComparison.Ordinal);
        await Wait.UntilAsync(() => Task.FromResult(_cluster.PostmasterPid(replica) is { } now && now != pid), TimeSpan.FromSeconds(60), $"{replica} to restart at its time");

        string other = _cluster.Names.Last(n => n != leader);
        int? otherPid = _cluster.PostmasterPid(other);
        Assert.Contains("Success: restart scheduled", (await CtlRun.PghaAsync("restart", "-c", Config, Scope, other, "--scheduled", InSeconds(60), "--force")).Output, StringComparison.Ordinal);
        CtlRun.Result again = await CtlRun.PghaWithInputAsync("y\n", "restart", "-c", Config, Scope, other, "--scheduled", InSeconds(60), "--pg-version", "99");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("another restart is already scheduled", again.Output, StringComparison.Ordinal);
        CtlRun.Result flush = await CtlRun.PghaAsync("flush", "-c", Config, Scope, other, "restart", "--force");
        Assert.Contains($"Success: flush scheduled restart for member {other}", flush.Output, StringComparison.Ordinal);
        using var http = new HttpClient();
        HttpResponseMessage none = await http.DeleteAsync($"http://{_cluster.Address(other)}:8008/restart");
        Assert.Equal(404, (int)none.StatusCode);
        Assert.Equal("no restarts are scheduled", await none.Content.ReadAsStringAsync());
        Assert.Equal(otherPid, _cluster.PostmasterPid(other));
        await _cluster.WaitHealthyAsync();
    }

    private async Task<string> A_scheduled_switchover_happens_and_flush_cancels_another(string leader)
    {
        string candidate = _cluster.Names.First(n => n != leader);
        CtlRun.Result later = await CtlRun.PghaAsync("switchover", "-c", Config, "--leader", leader, "--candidate", candidate, "--scheduled", InSeconds(120), "--force");
        Assert.True(later.ExitCode == 0, later.All);
        Assert.Contains("Switchover scheduled", later.Output, StringComparison.Ordinal);
        Assert.Contains("Switchover scheduled at:", (await CtlRun.PghaAsync("list", "-c", Config)).Output, StringComparison.Ordinal);
        CtlRun.Result flush = await CtlRun.PghaAsync("flush", "-c", Config, Scope, "switchover", "--force");
        Assert.Contains("scheduled switchover deleted", flush.Output, StringComparison.Ordinal);
        Assert.Null((await _cluster.ReadAsync()).Failover);

        CtlRun.Result soon = await CtlRun.PghaAsync("switchover", "-c", Config, "--leader", leader, "--candidate", candidate, "--scheduled", InSeconds(15), "--force");
        Assert.True(soon.ExitCode == 0, soon.All);
        Assert.Equal(leader, (await _cluster.ReadAsync()).Leader?.Name);
        Assert.Equal(candidate, await _cluster.WaitHealthyAsync(notLeader: leader, timeout: TimeSpan.FromSeconds(90)));
        return candidate;
    }

    private async Task Reload_and_reinit_act_on_members(string leader)
    {
        CtlRun.Result reload = await CtlRun.PghaAsync("reload", "-c", Config, Scope, "--force");
        Assert.True(reload.ExitCode == 0, reload.All);
        Assert.Equal(3, reload.Output.Split("Reload request received for member").Length - 1);

        CtlRun.Result onLeader = await CtlRun.PghaAsync("reinit", "-c", Config, Scope, leader, "--force");
        Assert.Equal(1, onLeader.ExitCode);
        Assert.Contains("I am the leader, can not reinitialize", onLeader.Output, StringComparison.Ordinal);
        string replica = _cluster.Names.First(n => n != leader);
        CtlRun.Result reinit = await CtlRun.PghaAsync("reinit", "-c", Config, Scope, replica, "--force", "--wait");
        Assert.True(reinit.ExitCode == 0, reinit.All);
        Assert.Contains($"Reinitialize is completed on: {replica}", reinit.Output, StringComparison.Ordinal);
        Assert.Equal(leader, await _cluster.WaitHealthyAsync());
    }

    private async Task Remove_needs_every_confirmation_then_deletes_the_keys(string leader)
    {
        CtlRun.Result wrong = await CtlRun.PghaWithInputAsync($"{Scope}\nYes I am aware\nnot-the-leader\n", "remove", "-c", Config, Scope);
        Assert.Equal(1, wrong.ExitCode);
        Assert.NotNull((await _cluster.ReadAsync()).Initialize);
        foreach (string node in _cluster.Names.Where(n => n != leader).Append(leader))
        {
            await _cluster.StopAgentAsync(node);
        }
        // Member keys outlive their agents until the lease expires; remove asks for the leader's name while one is shown running.
        string shown = (await _cluster.ReadAsync()).Leader?.Name ?? "";
        CtlRun.Result removed = await CtlRun.PghaWithInputAsync($"{Scope}\nYes I am aware\n{shown}\n", "remove", "-c", Config, Scope);
        Assert.True(removed.ExitCode == 0, removed.All);
        ClusterView view = await _cluster.ReadAsync();
        Assert.Null(view.Initialize);
        Assert.Empty(view.Members);
    }
}

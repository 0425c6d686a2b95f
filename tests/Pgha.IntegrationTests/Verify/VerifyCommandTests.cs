using System.Text.Json;
using Pgha.IntegrationTests.Operate;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Verify;

/// <summary><c>pgha verify</c> against a real 3-node cluster whose leader is killed (agent and postmaster, kill -9) mid-run.</summary>
public sealed class VerifyCommandTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("verify", ["127.0.86.1", "127.0.86.2", "127.0.86.3"]);
    private string _script = "";

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        File.Delete(_script);
    }

    [Fact]
    public async Task Killing_the_leader_during_verify_shows_a_failover_acknowledged_writes_and_no_split_brain()
    {
        await _cluster.WaitHealthyAsync();
        _script = WriteKillScript();

        CtlRun.Result run = await CtlRun.PghaAsync("verify", "--dsn", _cluster.WriterConnectionString(), "--json", "--async",
            "--writers", "3", "--duration", "40s", "--fault-every", "20s", "--fault-hold", "5s", "--settle", "20s",
            "--fault-command", $"sh {_script}");

        Assert.True(run.ExitCode == 0, run.All);
        using JsonDocument report = JsonDocument.Parse(run.Output);
        JsonElement root = report.RootElement;
        Assert.True(root.GetProperty("acknowledged").GetInt32() > 0, run.All);
        Assert.True(root.GetProperty("failovers_seen").GetInt32() >= 1, run.All);
        Assert.Equal(0, root.GetProperty("split_brain").GetInt32());
        JsonElement fault = Assert.Single(root.GetProperty("faults").EnumerateArray());
        Assert.Equal("", fault.GetProperty("detail").GetString());
    }

    /// <summary>A shell script that kill -9s the agent and postmaster of the node at $PGHA_VERIFY_PRIMARY.</summary>
    private string WriteKillScript()
    {
        string path = Path.Combine(Path.GetTempPath(), $"pgha-test-verify-kill-{Guid.NewGuid():N}.sh");
        var cases = _cluster.Names.Select(n =>
            $"  {_cluster.Address(n)}) kill -9 {_cluster.AgentPid(n)} $(head -1 '{_cluster.DataDir(n)}/postmaster.pid') ;;");
        File.WriteAllText(path, $"case \"$PGHA_VERIFY_PRIMARY\" in\n{string.Join('\n', cases)}\n  *) echo \"no node at '$PGHA_VERIFY_PRIMARY'\" >&2; exit 1 ;;\nesac\n");
        return path;
    }
}

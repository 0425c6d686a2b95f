using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>A cluster from <c>pgha gen</c>'s files: its create-roles.sh post_bootstrap only redoes pgha's own role setup.</summary>
public sealed class GeneratedBootstrapTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("genboot", ["127.0.97.1", "127.0.97.2", "127.0.97.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task The_generated_role_script_is_not_run_and_the_replicas_still_stream_as_the_replication_role()
    {
        string leader = await _cluster.WaitHealthyAsync();

        Assert.Contains("is pgha gen's role script and its roles are set up already; not run", _cluster.Log(leader), StringComparison.Ordinal);
        Assert.DoesNotContain("post_bootstrap script done", _cluster.Log(leader), StringComparison.Ordinal);
        Assert.Equal(2L, await _cluster.ScalarAsync<long>(leader, "select count(*) from pg_stat_replication where usename = 'replicator' and state = 'streaming'"));
        Assert.True(await _cluster.ScalarAsync<bool>(leader, "select rolcanlogin from pg_roles where rolname = 'rewind_user'"));
        ClusterView view = await _cluster.ReadAsync();
        Assert.Equal("running", view.LeaderMember?.State);
    }
}

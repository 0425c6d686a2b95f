using Pgha.Core.Cluster;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Agent;

/// <summary>
/// A cluster from <c>pgha gen</c>'s files, on 127.0.97.1-3: the config names no post_bootstrap, and the agent's own
/// bootstrap sets up every role the replicas and pg_rewind log in as.
/// </summary>
public sealed class GeneratedBootstrapTests : IAsyncLifetime
{
    private readonly AgentCluster _cluster = new("genboot", ["127.0.97.1", "127.0.97.2", "127.0.97.3"]);

    public Task InitializeAsync() => _cluster.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_generated_cluster_runs_no_post_bootstrap_and_its_agent_sets_up_the_replication_and_rewind_roles()
    {
        string leader = await _cluster.WaitHealthyAsync();

        Assert.Contains("bootstrap: replication and rewind roles set up", _cluster.Log(leader), StringComparison.Ordinal);
        Assert.DoesNotContain("bootstrap: post_bootstrap", _cluster.Log(leader), StringComparison.Ordinal);
        Assert.Equal(2L, await _cluster.ScalarAsync<long>(leader, "select count(*) from pg_stat_replication where usename = 'replicator' and state = 'streaming'"));
        Assert.True(await _cluster.ScalarAsync<bool>(leader, "select rolcanlogin and not rolsuper from pg_roles where rolname = 'rewind_user'"));
        Assert.True(await _cluster.ScalarAsync<bool>(leader, """
            select bool_and(has_function_privilege('rewind_user', f, 'execute')) from unnest(array[
              'pg_catalog.pg_ls_dir(text, boolean, boolean)', 'pg_catalog.pg_stat_file(text, boolean)',
              'pg_catalog.pg_read_binary_file(text)', 'pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean)']) as f
            """));
        ClusterView view = await _cluster.ReadAsync();
        Assert.Equal("running", view.LeaderMember?.State);
    }
}

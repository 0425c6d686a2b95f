using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class DynamicConfigReloadTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(network: "127.0.57");
    private PostgresTestNode _n1 = null!;

    public async Task InitializeAsync() => _n1 = await _cluster.BootstrappedPrimaryAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task A_dynamic_config_change_that_writes_nothing_new_does_not_reload_the_running_server()
    {
        object? loadedAt = await _n1.ScalarAsync("SELECT pg_conf_load_time()");

        bool reloaded = await _n1.Control.ReloadIfChangedAsync(CancellationToken.None);

        Assert.False(reloaded);
        Assert.Equal(loadedAt, await _n1.ScalarAsync("SELECT pg_conf_load_time()"));
    }

    [Fact]
    public async Task A_dynamic_config_change_of_a_parameter_rewrites_the_files_and_reloads()
    {
        _cluster.Dynamic = _cluster.Dynamic with { Parameters = new Dictionary<string, string> { ["work_mem"] = "7MB" } };

        bool reloaded = await _n1.Control.ReloadIfChangedAsync(CancellationToken.None);

        Assert.True(reloaded);
        await PostgresTestCluster.WaitUntilAsync(async () => (string?)await _n1.ScalarAsync("SHOW work_mem") == "7MB", "the server reads work_mem = 7MB");
    }

    [Fact]
    public async Task A_dynamic_config_change_that_another_step_already_wrote_and_reloaded_is_not_reloaded_again()
    {
        _cluster.Dynamic = _cluster.Dynamic with { Parameters = new Dictionary<string, string> { ["work_mem"] = "9MB" } };
        await _n1.Control.SetSynchronousStandbyNamesAsync(null, CancellationToken.None);
        await PostgresTestCluster.WaitUntilAsync(async () => (string?)await _n1.ScalarAsync("SHOW work_mem") == "9MB", "the server reads work_mem = 9MB");
        object? loadedAt = await _n1.ScalarAsync("SELECT pg_conf_load_time()");

        bool reloaded = await _n1.Control.ReloadIfChangedAsync(CancellationToken.None);

        Assert.False(reloaded);
        Assert.Equal(loadedAt, await _n1.ScalarAsync("SELECT pg_conf_load_time()"));
    }
}

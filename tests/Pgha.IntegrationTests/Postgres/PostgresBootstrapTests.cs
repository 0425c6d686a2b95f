using Npgsql;
using Pgha.Core.Ha;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresBootstrapTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Bootstrap_makes_a_primary_whose_superuser_logs_in_with_its_password_and_not_with_a_wrong_one()
    {
        PostgresTestNode n1 = await _cluster.NodeAsync(1);

        string systemId = await n1.Provisioning.BootstrapAsync(CancellationToken.None);

        LocalPostgres probe = await n1.Probe.ProbeAsync(CancellationToken.None);
        Assert.True(probe.IsRunningPrimary);
        Assert.Equal(systemId, probe.SystemIdentifier);
        Assert.Equal(1, probe.Timeline);
        Assert.Equal(1L, await n1.ScalarAsync("SELECT 1::bigint"));
        await using NpgsqlConnection wrong = n1.Connect(password: "not-the-password");
        PostgresException e = await Assert.ThrowsAsync<PostgresException>(() => wrong.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, e.SqlState);
    }

    [Fact]
    public async Task Bootstrap_creates_the_replication_role_and_runs_post_bootstrap()
    {
        PostgresTestNode n1 = await _cluster.NodeAsync(1);

        await n1.Provisioning.BootstrapAsync(CancellationToken.None);

        Assert.Equal(true, await n1.ScalarAsync("SELECT rolreplication AND rolcanlogin FROM pg_roles WHERE rolname = 'replicator'"));
        Assert.Equal(1L, await n1.ScalarAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'made_by_post_bootstrap'"));
        Assert.Equal(true, await n1.ScalarAsync("SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'replicator'"));
    }

    [Fact]
    public async Task Probe_of_a_missing_data_directory_says_so()
    {
        PostgresTestNode n1 = await _cluster.NodeAsync(1);

        LocalPostgres probe = await n1.Probe.ProbeAsync(CancellationToken.None);

        Assert.Equal(PostgresRunState.NoDataDirectory, probe.RunState);
    }

    [Fact]
    public async Task Remove_data_directory_moves_it_aside()
    {
        PostgresTestNode n1 = await _cluster.NodeAsync(1);
        await n1.Provisioning.BootstrapAsync(CancellationToken.None);
        await n1.Control.StopAsync(DemoteMode.Graceful, CancellationToken.None);

        await n1.Provisioning.RemoveDataDirectoryAsync(CancellationToken.None);

        Assert.False(Directory.Exists(n1.Instance.DataDir));
        Assert.Single(Directory.GetDirectories(Path.GetDirectoryName(n1.Instance.DataDir)!, "data.failed-*"));
    }
}

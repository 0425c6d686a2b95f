using Npgsql;
using Pgha.Core.Config;
using Pgha.Postgres;
using Pgha.Testing;

namespace Pgha.IntegrationTests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class RoleSetupTests : IAsyncLifetime
{
    private readonly PostgresTestCluster _cluster = new(network: "127.0.58");
    private PostgresTestNode _n1 = null!;

    public async Task InitializeAsync() => _n1 = await _cluster.BootstrappedPrimaryAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Role_setup_creates_the_replication_and_rewind_roles_with_the_rewind_grants()
    {
        PostgresqlConfig config = _n1.Config.Postgresql with
        {
            Replication = new Credentials("streamer", "stream-pass"),
            Rewind = new Credentials("rewinder", "rewind-pass"),
        };

        await ApplyAsync(config);

        Assert.Equal(true, await _n1.ScalarAsync("SELECT rolreplication AND rolcanlogin FROM pg_roles WHERE rolname = 'streamer'"));
        Assert.Equal(true, await _n1.ScalarAsync("SELECT rolcanlogin AND NOT rolreplication FROM pg_roles WHERE rolname = 'rewinder'"));
        Assert.Equal(true, await _n1.ScalarAsync("SELECT has_function_privilege('rewinder', 'pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean)', 'EXECUTE')"));
    }

    [Fact]
    public async Task Role_setup_run_again_gives_the_existing_rewind_role_the_new_password()
    {
        PostgresqlConfig first = _n1.Config.Postgresql with { Rewind = new Credentials("rewinder", "old-pass") };
        await ApplyAsync(first);

        await ApplyAsync(first with { Rewind = new Credentials("rewinder", "new-pass") });

        await using NpgsqlConnection withNew = ConnectAs("rewinder", "new-pass");
        await withNew.OpenAsync();
        await using NpgsqlConnection withOld = ConnectAs("rewinder", "old-pass");
        PostgresException e = await Assert.ThrowsAsync<PostgresException>(() => withOld.OpenAsync());
        Assert.Equal(PostgresErrorCodes.InvalidPassword, e.SqlState);
    }

    [Fact]
    public async Task Role_setup_that_fails_part_way_leaves_none_of_its_roles_behind()
    {
        // Names starting with pg_ are reserved: the rewind role's CREATE fails after the replication role's succeeded.
        PostgresqlConfig config = _n1.Config.Postgresql with
        {
            Replication = new Credentials("half_made", "stream-pass"),
            Rewind = new Credentials("pg_reserved_rewinder", "rewind-pass"),
        };

        await Assert.ThrowsAsync<PostgresException>(() => ApplyAsync(config));

        Assert.Equal(0L, await _n1.ScalarAsync("SELECT count(*) FROM pg_roles WHERE rolname IN ('half_made', 'pg_reserved_rewinder')"));
    }

    private NpgsqlConnection ConnectAs(string user, string password) => new(new NpgsqlConnectionStringBuilder
    {
        Host = _n1.Address,
        Port = PostgresTestNode.Port,
        Username = user,
        Password = password,
        Database = "postgres",
        Pooling = false,
        Timeout = 10,
    }.WithoutGss().ConnectionString);

    private async Task ApplyAsync(PostgresqlConfig config)
    {
        await using NpgsqlConnection connection = _n1.Instance.LocalConnection(timeoutSeconds: 30);
        await connection.OpenAsync();
        await RoleSetup.ApplyAsync(connection, config, CancellationToken.None);
    }
}

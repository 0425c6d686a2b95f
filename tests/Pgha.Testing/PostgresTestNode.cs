using Npgsql;
using Pgha.Agent;
using Pgha.Core.Config;
using Pgha.Postgres;

namespace Pgha.Testing;

/// <summary>One PostgreSQL instance of a <see cref="PostgresTestCluster"/> with the agent's adapters wired to it.</summary>
public sealed record PostgresTestNode(
    string Name,
    string Address,
    PghaConfig Config,
    PostgresInstance Instance,
    PostgresProbe Probe,
    PostgresControl Control,
    PostgresProvisioning Provisioning)
{
    public const int Port = 5432;

    public Upstream AsUpstream => new(Name, Address, Port);

    /// <summary>A TCP connection as the superuser, or with <paramref name="password"/> to test authentication.</summary>
    public NpgsqlConnection Connect(string? password = null) => new(new NpgsqlConnectionStringBuilder
    {
        Host = Address,
        Port = Port,
        Username = Config.Postgresql.Superuser.Username,
        Password = password ?? Config.Postgresql.Superuser.Password,
        Database = "postgres",
        Pooling = false,
        Timeout = 10,
        CommandTimeout = 30,
    }.WithoutGss().ConnectionString);

    public async Task<object?> ScalarAsync(string sql)
    {
        await using NpgsqlConnection connection = Connect();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public Task ExecuteAsync(string sql) => ScalarAsync(sql);
}

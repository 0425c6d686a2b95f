using Pgha.Core.Config;
using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class PostgresParametersTests
{
    private static PghaConfig Local(Dictionary<string, string>? parameters = null) => new()
    {
        Scope = "demo",
        Name = "n1",
        RestApi = new RestApiConfig { Listen = "127.0.62.1:8008", ConnectAddress = "127.0.62.1:8008" },
        Etcd3 = new Etcd3Config { Hosts = ["127.0.62.9:2379"] },
        Postgresql = new PostgresqlConfig
        {
            Listen = "127.0.62.1:5433",
            ConnectAddress = "127.0.62.1:5433",
            DataDir = "/srv/pg/n1/",
            Superuser = new Credentials("postgres", "s"),
            Replication = new Credentials("replicator", "r"),
            Parameters = parameters ?? new Dictionary<string, string>(),
        },
    };

    [Fact]
    public void Owned_settings_come_from_the_local_config_whatever_the_dynamic_config_says()
    {
        var dynamic = new DynamicConfig { Parameters = new Dictionary<string, string> { ["port"] = "1", ["cluster_name"] = "x", ["hot_standby"] = "off" } };

        IReadOnlyDictionary<string, string> p = PostgresParameters.Effective(Local(), dynamic);

        Assert.Equal("127.0.62.1", p["listen_addresses"]);
        Assert.Equal("5433", p["port"]);
        Assert.Equal("demo", p["cluster_name"]);
        Assert.Equal("on", p["hot_standby"]);
        Assert.Equal("on", p["wal_log_hints"]);
    }

    [Fact]
    public void Local_parameters_override_dynamic_ones_which_override_defaults()
    {
        var dynamic = new DynamicConfig { Parameters = new Dictionary<string, string> { ["max_connections"] = "200", ["work_mem"] = "8MB" } };

        IReadOnlyDictionary<string, string> p = PostgresParameters.Effective(Local(new() { ["work_mem"] = "16MB" }), dynamic);

        Assert.Equal("200", p["max_connections"]);
        Assert.Equal("16MB", p["work_mem"]);
        Assert.Equal("128MB", p["wal_keep_size"]);
    }

    [Theory]
    [InlineData("minimal", "replica")]
    [InlineData("logical", "logical")]
    public void Wal_level_is_replica_unless_logical_is_asked_for(string asked, string expected)
    {
        IReadOnlyDictionary<string, string> p = PostgresParameters.Effective(Local(new() { ["wal_level"] = asked }), new DynamicConfig());

        Assert.Equal(expected, p["wal_level"]);
    }

    [Fact]
    public void Replication_capacity_is_raised_to_ten_but_larger_values_stay()
    {
        IReadOnlyDictionary<string, string> p = PostgresParameters.Effective(
            Local(new() { ["max_wal_senders"] = "3", ["max_replication_slots"] = "20" }), new DynamicConfig());

        Assert.Equal("10", p["max_wal_senders"]);
        Assert.Equal("20", p["max_replication_slots"]);
    }

    [Fact]
    public void Socket_directory_defaults_to_one_of_the_instance_own()
    {
        IReadOnlyDictionary<string, string> p = PostgresParameters.Effective(Local(), new DynamicConfig());

        Assert.Equal("/srv/pg/n1.run", PostgresParameters.SocketDirectory(p));
    }

    [Fact]
    public void Configured_socket_directory_is_kept()
    {
        IReadOnlyDictionary<string, string> p = PostgresParameters.Effective(Local(new() { ["unix_socket_directories"] = "/run/a, /run/b" }), new DynamicConfig());

        Assert.Equal("/run/a", PostgresParameters.SocketDirectory(p));
    }

    [Fact]
    public void Wal_retrieve_retry_interval_defaults_to_one_second_and_a_configured_value_wins()
    {
        Assert.Equal("1s", PostgresParameters.Effective(Local(), new DynamicConfig())["wal_retrieve_retry_interval"]);

        var dynamic = new DynamicConfig { Parameters = new Dictionary<string, string> { ["wal_retrieve_retry_interval"] = "3s" } };
        Assert.Equal("3s", PostgresParameters.Effective(Local(), dynamic)["wal_retrieve_retry_interval"]);
        Assert.Equal("250ms", PostgresParameters.Effective(Local(new() { ["wal_retrieve_retry_interval"] = "250ms" }), dynamic)["wal_retrieve_retry_interval"]);
    }
}

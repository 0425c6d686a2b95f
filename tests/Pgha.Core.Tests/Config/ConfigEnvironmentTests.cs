using Pgha.Core.Config;

namespace Pgha.Core.Tests.Config;

public sealed class ConfigEnvironmentTests
{
    private static PghaConfig LoadWith(params (string Name, string Value)[] variables)
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.Valid, variables.ToDictionary(v => v.Name, v => v.Value));
        return result.Config ?? throw new InvalidOperationException(string.Join("\n", result.ErrorLines));
    }

    [Fact]
    public void Patroni_variables_override_the_file()
    {
        PghaConfig config = LoadWith(("PATRONI_NAME", "n9"), ("PATRONI_RESTAPI_LISTEN", "127.0.50.11:8008"),
            ("PATRONI_POSTGRESQL_DATA_DIR", "/srv/pg"), ("PATRONI_ETCD3_HOSTS", "127.0.50.11:2379,127.0.50.12:2379"));

        Assert.Equal(("n9", "127.0.50.11:8008", "/srv/pg"), (config.Name, config.RestApi.Listen, config.Postgresql.DataDir));
        Assert.Equal(["127.0.50.11:2379", "127.0.50.12:2379"], config.Etcd3.Hosts);
    }

    [Fact]
    public void Pgha_variables_win_over_patroni_variables()
    {
        PghaConfig config = LoadWith(("PATRONI_SCOPE", "from-patroni"), ("PGHA_SCOPE", "from-pgha"),
            ("PATRONI_LOG_LEVEL", "ERROR"), ("PGHA_LOG_LEVEL", "DEBUG"));

        Assert.Equal(("from-pgha", "DEBUG"), (config.Scope, config.Log.Level));
    }

    [Fact]
    public void Namespace_from_the_environment_is_normalised()
    {
        Assert.Equal("/pgha/", LoadWith(("PATRONI_NAMESPACE", "pgha")).Namespace);
    }

    [Fact]
    public void Credentials_may_come_only_from_the_environment()
    {
        string yaml = ConfigYaml.Valid
            .Replace("      password: s3cret-super\n", "", StringComparison.Ordinal)
            .Replace("      password: s3cret-repl\n", "", StringComparison.Ordinal);
        var environment = new Dictionary<string, string>
        {
            ["PGHA_SUPERUSER_PASSWORD"] = "env-super",
            ["PATRONI_REPLICATION_PASSWORD"] = "env-repl",
            ["PATRONI_REWIND_USERNAME"] = "rewinder",
            ["PATRONI_REWIND_PASSWORD"] = "env-rewind",
        };

        PghaConfig config = ConfigYaml.Load(yaml, environment).Config!;

        Assert.Equal(new Credentials("postgres", "env-super"), config.Postgresql.Superuser);
        Assert.Equal(new Credentials("replicator", "env-repl"), config.Postgresql.Replication);
        Assert.Equal(new Credentials("rewinder", "env-rewind"), config.Postgresql.Rewind);
    }

    [Fact]
    public void An_empty_file_is_enough_when_the_environment_gives_everything()
    {
        var environment = new Dictionary<string, string>
        {
            ["PATRONI_SCOPE"] = "demo",
            ["PATRONI_NAME"] = "n1",
            ["PATRONI_RESTAPI_LISTEN"] = "127.0.50.10:8008",
            ["PATRONI_ETCD3_HOST"] = "127.0.50.10:2379",
            ["PATRONI_POSTGRESQL_LISTEN"] = "127.0.50.10:5432",
            ["PATRONI_POSTGRESQL_DATA_DIR"] = "/srv/pg",
            ["PATRONI_SUPERUSER_USERNAME"] = "postgres",
            ["PATRONI_SUPERUSER_PASSWORD"] = "a",
            ["PATRONI_REPLICATION_USERNAME"] = "replicator",
            ["PATRONI_REPLICATION_PASSWORD"] = "b",
        };

        ConfigLoadResult result = ConfigYaml.Load("", environment);

        Assert.Empty(result.Errors);
        Assert.Null(result.Config!.Bootstrap);
        Assert.Equal("127.0.50.10:5432", result.Config.Postgresql.ConnectAddress);
    }

    public static TheoryData<string, string, string> InvalidVariables => new()
    {
        { "PATRONI_RESTAPI_LISTEN", "nowhere", "config /etc/pgha/n1.yaml: PATRONI_RESTAPI_LISTEN: \"nowhere\" is not host:port" },
        { "PGHA_POSTGRESQL_DATA_DIR", "data", "config /etc/pgha/n1.yaml: PGHA_POSTGRESQL_DATA_DIR: \"data\" is not an absolute path" },
        { "PATRONI_LOG_LEVEL", "chatty", "config /etc/pgha/n1.yaml: PATRONI_LOG_LEVEL: \"chatty\" is not a log level" },
        { "PATRONI_ETCD3_HOSTS", "a:1,b", "config /etc/pgha/n1.yaml: PATRONI_ETCD3_HOSTS: \"b\" is not host:port" },
        { "PATRONI_ETCD3_PROTOCOL", "gopher", "config /etc/pgha/n1.yaml: PATRONI_ETCD3_PROTOCOL: \"gopher\" is not a protocol" },
        { "PATRONI_SUPERUSER_PASSWORD", "", "config /etc/pgha/n1.yaml: postgresql.authentication.superuser.password: is missing" },
    };

    [Theory]
    [MemberData(nameof(InvalidVariables))]
    public void A_variable_is_validated_like_the_file_and_named_in_the_error(string name, string value, string expectedStart)
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.Valid, new Dictionary<string, string> { [name] = value });

        Assert.StartsWith(expectedStart, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}

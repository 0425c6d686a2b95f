using Pgha.Core.Config;

namespace Pgha.Core.Tests.Config;

public sealed class ConfigValidationTests
{
    [Fact]
    public void The_base_config_of_these_tests_is_valid()
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.Valid);

        Assert.Empty(result.Errors);
        Assert.Empty(result.Warnings);
        Assert.NotNull(result.Config);
    }

    /// <summary>Row: line of the valid file, its replacement, the key path the one error names, a piece of its message.</summary>
    public static TheoryData<string, string, string, string> InvalidValues => new()
    {
        { "ttl: 30", "ttl: 3", "bootstrap.dcs.ttl", "\"3\" is below 4; use at least 4" },
        { "loop_wait: 10", "loop_wait: 0", "bootstrap.dcs.loop_wait", "\"0\" is below 1" },
        { "retry_timeout: 10", "retry_timeout: 0", "bootstrap.dcs.retry_timeout", "\"0\" is below 1" },
        { "ttl: 30", "ttl: 20", "bootstrap.dcs.ttl", "\"20\" is less than loop_wait + 2 x retry_timeout (10 + 2 x 10 = 30); raise ttl to 30 or lower loop_wait/retry_timeout" },
        { "maximum_lag_on_failover: 1048576", "maximum_lag_on_failover: -1", "bootstrap.dcs.maximum_lag_on_failover", "\"-1\" is below 0" },
        { "ttl: 30", "ttl: thirty", "bootstrap.dcs.ttl", "\"thirty\" is not an integer; use a whole number such as 30" },
        { "max_connections: 100", "max_connections: abc", "postgresql.parameters.max_connections", "\"abc\" is not an integer; use a whole number such as 100" },
        { "file_num: 4", "file_num: many", "log.file_num", "\"many\" is not an integer" },
        { "nofailover: false", "nofailover: maybe", "tags.nofailover", "\"maybe\" is not a boolean; use true or false" },
        { "use_pg_rewind: true", "use_pg_rewind: sometimes", "postgresql.use_pg_rewind", "\"sometimes\" is not a boolean" },
        { "listen: 127.0.50.10:8008", "listen: 127.0.50.10", "restapi.listen", "\"127.0.50.10\" is not host:port" },
        { "listen: 127.0.50.10:8008", "listen: 127.0.50.10:70000", "restapi.listen", "has port \"70000\", not a number from 1 to 65535" },
        { "listen: 127.0.50.10:5432", "listen: 127.0.50.10:0", "postgresql.listen", "not a number from 1 to 65535" },
        { "listen: 127.0.50.10:5432", "listen: 0.0.0.0:5432", "postgresql.connect_address", "is missing and postgresql.listen 0.0.0.0:5432 is not one address" },
        { "listen: 127.0.50.10:5432", "listen: 127.0.50.10:5432\n  connect_address: n1", "postgresql.connect_address", "\"n1\" is not host:port" },
        { "level: INFO", "level: LOUD", "log.level", "\"LOUD\" is not a log level; use one of DEBUG, INFO, WARNING, ERROR, CRITICAL" },
        { "data_dir: /var/lib/postgresql/15/main", "data_dir: pgdata", "postgresql.data_dir", "\"pgdata\" is not an absolute path" },
        { "scope: demo", "scope: demo\nscope: other", "scope", "\"other\" is set twice (lines 1 and 2); keep only one of them" },
        { "scope: demo\n", "", "scope", "scope: is missing; set scope:" },
        { "name: n1\n", "", "name", "name: is missing" },
        { "  listen: 127.0.50.10:8008\n", "", "restapi.listen", "restapi.listen: is missing" },
        { "  hosts: 127.0.50.10:2379\n", "", "etcd3.hosts", "etcd3.hosts: is missing" },
        { "  hosts: 127.0.50.10:2379", "  hosts: 127.0.50.10:2379,127.0.50.11", "etcd3.hosts", "\"127.0.50.11\" is not host:port" },
        { "  listen: 127.0.50.10:5432\n", "", "postgresql.listen", "postgresql.listen: is missing" },
        { "  data_dir: /var/lib/postgresql/15/main\n", "", "postgresql.data_dir", "postgresql.data_dir: is missing" },
        { "      password: s3cret-super\n", "", "postgresql.authentication.superuser.password", "is missing; set a password; `pgha gen` generates one" },
        { "      password: s3cret-repl\n", "", "postgresql.authentication.replication.password", "is missing; set a password; `pgha gen` generates one" },
        { "      username: replicator\n", "", "postgresql.authentication.replication.username", "is missing; set the replication user's name" },
        { "    - encoding: UTF8", "    - pgdata: /tmp/x", "bootstrap.initdb.pgdata", "\"/tmp/x\" is set by pgha and cannot be passed to initdb" },
        { "    - encoding: UTF8", "    - nosync", "bootstrap.initdb.nosync", "is set by pgha and cannot be passed to initdb; remove it" },
        { "    checkpoint: fast", "    host: elsewhere", "postgresql.basebackup.host", "is set by pgha and cannot be passed to pg_basebackup" },
        { "    checkpoint: fast", "    wal-method: fetch", "postgresql.basebackup.wal-method", "\"fetch\" is not supported; use wal-method: stream" },
        { "  initdb:", "  method: clone\n  initdb:", "bootstrap.method", "\"clone\" is a custom bootstrap method" },
        { "tags:\n  nofailover: false", "tags: yes", "tags", "\"yes\" is not a section" },
        { "  listen: 127.0.50.10:8008", "  listen: [127.0.50.10:8008]", "restapi.listen", "is a list, not a single value" },
        { "  listen: 127.0.50.10:8008", "  listen: [127.0.50.10:8008", "line ", "is not valid YAML" },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public void An_invalid_value_gives_one_error_naming_its_key_path(string line, string replacement, string keyPath, string message)
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.With(line, replacement));

        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"config {ConfigYaml.SourcePath}: {keyPath}", error, StringComparison.Ordinal);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Null(result.Config);
    }

    [Fact]
    public void The_error_line_has_the_documented_form()
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.With("max_connections: 100", "max_connections: abc"));

        Assert.Equal(
            "config /etc/pgha/n1.yaml: postgresql.parameters.max_connections: \"abc\" is not an integer; use a whole number such as 100",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void All_errors_are_reported_at_once()
    {
        string yaml = ConfigYaml.Valid
            .Replace("ttl: 30", "ttl: x", StringComparison.Ordinal)
            .Replace("level: INFO", "level: LOUD", StringComparison.Ordinal)
            .Replace("nofailover: false", "nofailover: 2", StringComparison.Ordinal)
            .Replace("data_dir: /var/lib/postgresql/15/main", "data_dir: rel", StringComparison.Ordinal)
            .Replace("name: n1\n", "", StringComparison.Ordinal);

        ConfigLoadResult result = ConfigYaml.Load(yaml);

        Assert.Equal(["name", "log.level", "bootstrap.dcs.ttl", "postgresql.data_dir", "tags.nofailover"],
            result.Errors.Select(e => e.KeyPath));
        Assert.Null(result.Config);
    }

    [Fact]
    public void Malformed_yaml_gives_one_error_with_line_and_column()
    {
        ConfigLoadResult result = ConfigYaml.Load("scope: demo\nrestapi:\n  listen: a\n listen: b\n");

        Assert.Matches(@"^config /etc/pgha/n1\.yaml: line 4, column \d+: is not valid YAML \(.+\); ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void Unknown_keys_are_warnings_naming_the_key()
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.With("scope: demo", "scope: demo\nscopes: typo"));

        Assert.Empty(result.Errors);
        Assert.Equal(["config /etc/pgha/n1.yaml: scopes: unknown key, ignored"], result.Warnings);
    }

    [Fact]
    public void Keys_pgha_does_not_implement_are_warnings()
    {
        ConfigLoadResult result = ConfigYaml.Load(ConfigYaml.Valid + "\nwatchdog:\n  mode: automatic\n");

        Assert.Empty(result.Errors);
        Assert.Equal(["config /etc/pgha/n1.yaml: watchdog: not supported by pgha yet, ignored"], result.Warnings);
    }
}

using Pgha.Core.Config;

namespace Pgha.Core.Tests.Config;

/// <summary>A small valid config; tests change one line of it with <see cref="With"/>.</summary>
internal static class ConfigYaml
{
    public const string SourcePath = "/etc/pgha/n1.yaml";

    public const string Valid = """
        scope: demo
        name: n1
        log:
          level: INFO
          file_num: 4
        restapi:
          listen: 127.0.50.10:8008
        etcd3:
          hosts: 127.0.50.10:2379
        bootstrap:
          dcs:
            ttl: 30
            loop_wait: 10
            retry_timeout: 10
            maximum_lag_on_failover: 1048576
          initdb:
            - encoding: UTF8
        postgresql:
          listen: 127.0.50.10:5432
          data_dir: /var/lib/postgresql/15/main
          use_pg_rewind: true
          authentication:
            superuser:
              username: postgres
              password: s3cret-super
            replication:
              username: replicator
              password: s3cret-repl
          parameters:
            max_connections: 100
          basebackup:
            checkpoint: fast
        tags:
          nofailover: false
        """;

    public static string With(string line, string replacement)
    {
        Assert.Contains(line, Valid, StringComparison.Ordinal);
        return Valid.Replace(line, replacement, StringComparison.Ordinal);
    }

    public static ConfigLoadResult Load(string yaml, IReadOnlyDictionary<string, string>? environment = null) =>
        PghaConfigLoader.Load(yaml, SourcePath, environment ?? new Dictionary<string, string>());
}

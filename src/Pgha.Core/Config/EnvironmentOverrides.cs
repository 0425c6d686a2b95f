namespace Pgha.Core.Config;

/// <summary>
/// The environment variables that replace local settings (patroni-compat §5.5). Each suffix is read as
/// <c>PGHA_&lt;suffix&gt;</c> and <c>PATRONI_&lt;suffix&gt;</c>; the PGHA_ one wins, and either wins over the file.
/// </summary>
internal static class EnvironmentOverrides
{
    private static readonly (string Suffix, string KeyPath)[] s_table =
    [
        ("NAME", "name"),
        ("SCOPE", "scope"),
        ("NAMESPACE", "namespace"),
        ("LOG_LEVEL", "log.level"),
        ("LOG_DIR", "log.dir"),
        ("RESTAPI_LISTEN", "restapi.listen"),
        ("RESTAPI_CONNECT_ADDRESS", "restapi.connect_address"),
        ("RESTAPI_USERNAME", "restapi.authentication.username"),
        ("RESTAPI_PASSWORD", "restapi.authentication.password"),
        ("POSTGRESQL_LISTEN", "postgresql.listen"),
        ("POSTGRESQL_CONNECT_ADDRESS", "postgresql.connect_address"),
        ("POSTGRESQL_DATA_DIR", "postgresql.data_dir"),
        ("POSTGRESQL_BIN_DIR", "postgresql.bin_dir"),
        ("POSTGRESQL_PGPASS", "postgresql.pgpass"),
        ("POSTGRESQL_CONFIG_DIR", "postgresql.config_dir"),
        ("SUPERUSER_USERNAME", "postgresql.authentication.superuser.username"),
        ("SUPERUSER_PASSWORD", "postgresql.authentication.superuser.password"),
        ("REPLICATION_USERNAME", "postgresql.authentication.replication.username"),
        ("REPLICATION_PASSWORD", "postgresql.authentication.replication.password"),
        ("REWIND_USERNAME", "postgresql.authentication.rewind.username"),
        ("REWIND_PASSWORD", "postgresql.authentication.rewind.password"),
        ("ETCD3_HOSTS", "etcd3.hosts"),
        ("ETCD3_HOST", "etcd3.host"),
        ("ETCD3_PROTOCOL", "etcd3.protocol"),
        ("ETCD3_USERNAME", "etcd3.username"),
        ("ETCD3_PASSWORD", "etcd3.password"),
        ("ETCD3_CACERT", "etcd3.cacert"),
        ("ETCD3_CERT", "etcd3.cert"),
        ("ETCD3_KEY", "etcd3.key"),
    ];

    /// <summary>The overriding values by YAML key path, each labelled with the variable that set it.</summary>
    public static IReadOnlyDictionary<string, ConfigScalar> From(IReadOnlyDictionary<string, string> environment)
    {
        var overrides = new Dictionary<string, ConfigScalar>(StringComparer.Ordinal);
        foreach ((string suffix, string keyPath) in s_table)
        {
            foreach (string prefix in (ReadOnlySpan<string>)["PGHA_", "PATRONI_"])
            {
                if (environment.TryGetValue(prefix + suffix, out string? value))
                {
                    overrides[keyPath] = new ConfigScalar(value, prefix + suffix);
                    break;
                }
            }
        }
        return overrides;
    }
}

namespace Pgha.Core.Config;

/// <summary>Reads <c>postgresql:</c>.</summary>
internal static class PostgresqlSectionReader
{
    public static PostgresqlConfig? Read(ConfigSection pg)
    {
        string? listen = Listen(pg);
        string? connect = ConnectAddress(pg, listen);
        string? dataDir = DataDir(pg);
        ConfigSection auth = pg.Section("authentication");
        Credentials? superuser = CredentialsReader.Read(auth, "superuser", required: true, "postgres");
        Credentials? replication = CredentialsReader.Read(auth, "replication", required: true, "replicator");
        Credentials? rewind = CredentialsReader.Read(auth, "rewind", required: false, "rewind_user");
        auth.WarnUnknownKeys();
        IReadOnlyList<string>? basebackup = BasebackupArguments.Read(pg);
        // Read the optional settings even when a required one is missing, so that their errors show too.
        PostgresqlConfig config = Options(pg, new PostgresqlConfig
        {
            Listen = listen ?? "",
            ConnectAddress = connect ?? "",
            DataDir = dataDir ?? "",
            Superuser = superuser ?? new Credentials("", null),
            Replication = replication ?? new Credentials("", null),
            Rewind = rewind,
            BasebackupArguments = basebackup ?? [],
        });
        bool complete = listen is not null && connect is not null && dataDir is not null
            && superuser is not null && replication is not null && basebackup is not null;
        pg.Unsupported("proxy_address", "pg_ident", "recovery_conf", "custom_conf", "callbacks", "pre_promote",
            "use_unix_socket", "use_unix_socket_repl", "krbsrvname");
        pg.WarnUnknownKeys();
        return complete ? config : null;
    }

    private static PostgresqlConfig Options(ConfigSection pg, PostgresqlConfig config)
    {
        IReadOnlyList<string> methods = pg.TextList("create_replica_methods", commaString: false) ?? config.CreateReplicaMethods;
        // Per-method sections (pgbackrest:, wal_e:) configure custom replica creation, not implemented yet.
        pg.Unsupported(methods.Where(m => m != "basebackup").ToArray());
        return config with
        {
            BinDir = pg.Text("bin_dir"),
            ConfigDir = pg.Text("config_dir"),
            Pgpass = pg.Text("pgpass"),
            Database = pg.Text("database") ?? config.Database,
            Parameters = GucRules.Checked(pg, "parameters") ?? config.Parameters,
            PgHba = pg.TextList("pg_hba", commaString: false),
            CreateReplicaMethods = methods,
            UsePgRewind = pg.Bool("use_pg_rewind"),
            RemoveDataDirectoryOnRewindFailure = pg.Bool("remove_data_directory_on_rewind_failure") ?? false,
            RemoveDataDirectoryOnDivergedTimelines = pg.Bool("remove_data_directory_on_diverged_timelines") ?? false,
            PgCtlTimeout = TimeSpan.FromSeconds(PgCtlTimeoutSeconds(pg) ?? config.PgCtlTimeout.TotalSeconds),
        };
    }

    private static string? Listen(ConfigSection pg)
    {
        if (!pg.Has("listen"))
        {
            pg.Report.Error(pg.PathOf("listen"), null, "is missing", "set postgresql.listen to ip[,ip]:port such as 0.0.0.0:5432");
            return null;
        }
        return AddressRules.Check(pg.Scalar("listen"), pg.Report, hostList: true, 5432);
    }

    // listen 0.0.0.0:5432 says where to bind, not how others reach this node, so it cannot stand in.
    private static string? ConnectAddress(ConfigSection pg, string? listen)
    {
        if (pg.Has("connect_address"))
        {
            return AddressRules.Check(pg.Scalar("connect_address"), pg.Report, hostList: false, 5432);
        }
        if (listen is null || !AddressRules.IsWildcard(listen))
        {
            return listen;
        }
        pg.Report.Error(pg.PathOf("connect_address"), null, $"is missing and postgresql.listen {listen} is not one address",
            "set postgresql.connect_address to this node's address such as 10.0.0.5:5432");
        return null;
    }

    private static string? DataDir(ConfigSection pg)
    {
        ConfigScalar? scalar = pg.Scalar("data_dir");
        if (scalar is null || scalar.Text.Trim().Length == 0)
        {
            pg.Report.Error(scalar?.Where ?? pg.PathOf("data_dir"), null, "is missing", "set postgresql.data_dir to an absolute path such as /var/lib/postgresql/15/main");
            return null;
        }
        if (!scalar.Text.StartsWith('/'))
        {
            pg.Report.Error(scalar.Where, scalar.Text, "is not an absolute path", "start it with /, such as /var/lib/postgresql/15/main");
            return null;
        }
        return scalar.Text.Trim();
    }

    private static double? PgCtlTimeoutSeconds(ConfigSection pg)
    {
        int? seconds = pg.Int("pg_ctl_timeout", 60);
        if (seconds is < 1)
        {
            pg.Report.Error(pg.PathOf("pg_ctl_timeout"), seconds.ToString(), "is below 1", "use a number of seconds such as 60");
            return null;
        }
        return seconds;
    }
}

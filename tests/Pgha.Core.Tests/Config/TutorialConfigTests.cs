using Pgha.Core.Config;

namespace Pgha.Core.Tests.Config;

public sealed class TutorialConfigTests
{
    private static readonly ConfigLoadResult s_result =
        PghaConfigLoader.Load(TutorialPatroniYaml.Text, "/pgha/config/patroni.yaml", new Dictionary<string, string>());

    private static PghaConfig Config => s_result.Config ?? throw new InvalidOperationException(string.Join("\n", s_result.ErrorLines));

    [Fact]
    public void The_tutorial_file_loads_without_errors()
    {
        Assert.Empty(s_result.Errors);
        Assert.NotNull(s_result.Config);
    }

    [Fact]
    public void The_tutorial_files_only_warning_is_the_unknown_cluster_name()
    {
        Assert.Equal(["config /pgha/config/patroni.yaml: postgresql.cluster_name: unknown key, ignored"],
            s_result.Warnings);
    }

    [Fact]
    public void Identity_log_restapi_and_etcd_come_from_the_file()
    {
        Assert.Equal(("/pgha/", "pgha_patroni_cluster", "pgha2"), (Config.Namespace, Config.Scope, Config.Name));
        Assert.Equal(new LogConfig { Dir = "/var/log/patroni", FileName = "patroni.log", Level = "INFO", FileSize = 26214400, FileNum = 4 }, Config.Log);
        Assert.Equal(("0.0.0.0:8008", "pgha2:8008"), (Config.RestApi.Listen, Config.RestApi.ConnectAddress));
        Assert.Equal(["pgha1:2379", "pgha2:2379", "pgha3:2379", "pgha4:2379", "pgha5:2379"], Config.Etcd3.Hosts);
    }

    [Fact]
    public void Bootstrap_keeps_the_dcs_settings_and_gucs_as_raw_text()
    {
        BootstrapConfig bootstrap = Config.Bootstrap!;

        Assert.Equal((30, 10, 10, 1048576L), (bootstrap.Dcs.Ttl, bootstrap.Dcs.LoopWait, bootstrap.Dcs.RetryTimeout, bootstrap.Dcs.MaximumLagOnFailover));
        Assert.True(bootstrap.Dcs.UsePgRewind);
        Assert.Equal("on", bootstrap.Dcs.Parameters["hot_standby"]);
        Assert.Equal("600s", bootstrap.Dcs.Parameters["archive_timeout"]);
        Assert.Equal("1GB", bootstrap.Dcs.Parameters["max_wal_size"]);
        Assert.Equal("4096", bootstrap.Dcs.Parameters["wal_keep_size"]);
        Assert.Equal("%m [%r] [%p]: [%l-1] user=%u,db=%d,host=%h ", bootstrap.Dcs.Parameters["log_line_prefix"]);
        Assert.Equal(15, bootstrap.Dcs.Parameters.Count);
    }

    [Fact]
    public void Bootstrap_initdb_list_pg_hba_and_post_bootstrap_are_read()
    {
        BootstrapConfig bootstrap = Config.Bootstrap!;

        Assert.Equal(["--encoding=UTF8", "--data-checksums"], bootstrap.Initdb.Select(o => o.ToArgument()));
        Assert.Equal(5, bootstrap.PgHba.Count);
        Assert.Equal("host replication replicator 0.0.0.0/0 md5", bootstrap.PgHba[^1]);
        Assert.Equal("/pgha/config/createRoles.sh", bootstrap.PostBootstrap);
    }

    [Fact]
    public void Postgresql_section_is_read()
    {
        PostgresqlConfig pg = Config.Postgresql;

        Assert.Equal(("0.0.0.0:5432", "pgha2:5432", "/pgdata/17/data"), (pg.Listen, pg.ConnectAddress, pg.DataDir));
        Assert.Equal(("/usr/pgsql-17/bin/", "/pgha/config/pgpass"), (pg.BinDir, pg.Pgpass));
        Assert.Equal(new Credentials("postgres", "postgres"), pg.Superuser);
        Assert.Equal(new Credentials("replicator", "replicator"), pg.Replication);
        Assert.Null(pg.Rewind);
        Assert.Equal("/var/run/postgresql/", pg.Parameters["unix_socket_directories"]);
        Assert.Equal(["pgbackrest", "basebackup"], pg.CreateReplicaMethods);
        Assert.Equal(["--checkpoint=fast", "--wal-method=stream"], pg.BasebackupArguments);
    }

    [Fact]
    public void Tags_are_read_as_booleans()
    {
        Assert.Equal(Cluster.MemberTags.None with { Custom = Config.Tags.Custom }, Config.Tags);
        Assert.Empty(Config.Tags.Custom);
    }
}

using Pgha.Core.Cluster;
using Pgha.Core.Ctl;

namespace Pgha.Core.Tests.Ctl;

public sealed class ClusterOutputTests
{
    private static readonly ClusterView s_cluster = new()
    {
        Initialize = "7001",
        Leader = new LeaderKey("n1", 1, 1),
        LastLsn = 0x3000060,
        ConfigJson = "{\"pause\":true,\"maximum_lag_on_failover\":1048576}",
        Members =
        [
            new Member { Name = "n2", ConnUrl = "postgres://10.0.0.2:5432/postgres", State = "running", ReplicationState = "streaming", Role = MemberRole.Replica, XlogLocation = 0x3000060, Timeline = 1 },
            new Member { Name = "n1", ConnUrl = "postgres://10.0.0.1:5432/postgres", State = "running", Role = MemberRole.Primary, XlogLocation = 0x3000060, Timeline = 1,
                PendingRestart = true, PendingRestartReason = "shared_buffers: 128MB->256MB" },
            new Member { Name = "n3", ConnUrl = "postgres://10.0.0.3:5432/postgres", State = "running", ReplicationState = "streaming", Role = MemberRole.Replica, XlogLocation = 0x1000000, Timeline = 1,
                Tags = new MemberTags { NoFailover = true } },
        ],
    };

    [Fact]
    public void The_pretty_list_has_the_sysid_title_pending_restart_reason_and_maintenance_footer()
    {
        string text = ClusterTable.Render("demo", s_cluster);
        string[] lines = text.Split('\n');
        Assert.StartsWith("+ Cluster: demo (7001) ---", lines[0], StringComparison.Ordinal);
        Assert.Contains("| Member |   Host   |  Role   |   State   | TL | Receive LSN | Lag | Replay LSN | Lag | Pending restart |", lines[1], StringComparison.Ordinal);
        Assert.Contains("| n1     | 10.0.0.1 | Leader  | running   |  1 |             |     |            |     | *               | shared_buffers: 128MB->256MB |", text, StringComparison.Ordinal);
        Assert.Contains("| n3     | 10.0.0.3 | Replica | streaming |  1 |   0/1000000 |  32 |  0/1000000 |  32 |", text, StringComparison.Ordinal);
        Assert.Equal(" Maintenance mode: on", lines[^1]);
    }

    [Fact]
    public void Machine_formats_key_rows_by_column_and_drop_empty_cells()
    {
        string json = ClusterTable.Render("demo", s_cluster, new ListOptions(Format: OutputFormat.Json));
        Assert.StartsWith("[{\"Member\":\"n1\",\"Host\":\"10.0.0.1\",\"Role\":\"Leader\",\"State\":\"running\",\"TL\":1,\"Pending restart\":\"*\"", json, StringComparison.Ordinal);
        string tsv = ClusterTable.Render("demo", s_cluster, new ListOptions(Format: OutputFormat.Tsv));
        Assert.StartsWith("Cluster\tMember\tHost\tRole", tsv, StringComparison.Ordinal);
        Assert.Contains("demo\tn2\t10.0.0.2\tReplica\tstreaming\t1\t0/3000060\t0", tsv, StringComparison.Ordinal);
        Assert.Contains("- Member: n2", ClusterTable.Render("demo", s_cluster, new ListOptions(Format: OutputFormat.Yaml)), StringComparison.Ordinal);
    }

    [Fact]
    public void Topology_puts_replicas_under_the_leader()
    {
        string text = ClusterTable.Render("demo", s_cluster, new ListOptions(Topology: true));
        Assert.Matches(@"\| n1 +\|[^\n]*\n\| \+ n2 +\|[^\n]*\n\| \+ n3 ", text);
    }

    [Theory]
    [InlineData("n2", null)]
    [InlineData("n3", "tagged nofailover")]
    [InlineData("n9", "no such member")]
    [InlineData("n1", "already the leader")]
    public void Switchover_candidates_are_checked_with_a_reason(string candidate, string? refusal)
    {
        Refusal? result = SwitchoverCheck.Check(s_cluster, new SwitchoverRequest(false, "n1", candidate));
        if (refusal is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Equal(412, result!.Status);
            Assert.Contains(refusal, result.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_lagging_candidate_is_refused()
    {
        ClusterView lagging = s_cluster with { ConfigJson = "{}", LastLsn = 0x9000000 };
        Refusal? result = SwitchoverCheck.Check(lagging, new SwitchoverRequest(false, "n1", "n2"));
        Assert.Contains("more than maximum_lag_on_failover", result!.Detail, StringComparison.Ordinal);
        Assert.Equal("switchover is not possible: no good candidates have been found", result.Message);
    }

    [Fact]
    public void A_wrong_leader_is_refused_with_the_real_one()
    {
        Refusal? result = SwitchoverCheck.Check(s_cluster with { ConfigJson = "{}" }, new SwitchoverRequest(false, "n2", null));
        Assert.Equal("leader name does not match", result!.Message);
        Assert.Contains("the current leader is n1", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_target_is_read_leniently_from_an_agent_yaml()
    {
        const string yaml = "scope: demo\nnamespace: /ns/\nname: n1\nunknown_section: {a: 1}\netcd3:\n  hosts: 10.0.0.1:2379,10.0.0.2:2379\n" +
            "restapi:\n  authentication: {username: u, password: p}\npostgresql:\n  authentication:\n    superuser: {username: su, password: sp}\n";
        CtlTarget target = CtlConfigReader.Read(yaml, "pgha.yaml", null, null);
        Assert.Equal(("demo", "/ns/", "u", "su", "sp"), (target.Scope, target.Namespace, target.ApiUsername, target.PgUser, target.PgPassword));
        Assert.Equal(["http://10.0.0.1:2379", "http://10.0.0.2:2379"], target.EtcdUrls);
        Assert.Equal(["http://10.0.0.9:2379"], CtlConfigReader.Read(yaml, "pgha.yaml", "other", "etcd3://10.0.0.9:2379").EtcdUrls);
        Assert.Throws<FormatException>(() => CtlConfigReader.Read("scope: x\n", "f.yaml", null, null));
    }

    [Fact]
    public void Dsn_gives_read_write_read_only_and_any_in_both_forms()
    {
        string text = DsnText.Render(s_cluster, "app", "appdb");
        Assert.Contains("host=10.0.0.1,10.0.0.2,10.0.0.3 port=5432,5432,5432 dbname=appdb user=app target_session_attrs=read-write", text, StringComparison.Ordinal);
        Assert.Contains("target_session_attrs=read-only load_balance_hosts=random", text, StringComparison.Ordinal);
        Assert.Contains("Host=10.0.0.1:5432,10.0.0.2:5432,10.0.0.3:5432;Database=appdb;Username=app;Target Session Attributes=any;Load Balance Hosts=true;GSS Encryption Mode=Disable", text, StringComparison.Ordinal);
        Assert.Contains("Username=app;Target Session Attributes=read-write;GSS Encryption Mode=Disable", text, StringComparison.Ordinal);
    }
}

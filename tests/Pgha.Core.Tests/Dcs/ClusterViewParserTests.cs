using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class ClusterViewParserTests
{
    private const string Prefix = "/service/batman/";

    private static DcsKeyValue Kv(string key, string value, long rev = 5, long lease = 0) => new(Prefix + key, value, rev, lease);

    [Fact]
    public void Parse_reads_every_key_of_a_patroni_cluster()
    {
        ClusterView view = ClusterViewParser.Parse(Prefix,
        [
            Kv("initialize", "7312345678901234567"),
            Kv("config", """{"ttl":30}""", rev: 7),
            Kv("leader", "n1", rev: 9, lease: 77),
            Kv("members/n1", """{"conn_url":"postgres://h1:5432/postgres","api_url":"http://h1:8008/patroni","state":"running","role":"master","version":"3.0.2"}"""),
            Kv("members/n2", """{"state":"streaming","role":"replica"}"""),
            Kv("failover", """{"leader":"n1","member":"n2"}"""),
            Kv("sync", """{"leader":"n1","sync_standby":"n2"}""", rev: 11),
            Kv("history", """[[1,100,"no recovery target specified"]]"""),
            Kv("status", """{"optime":4242}"""),
        ], revision: 12);

        Assert.Equal("7312345678901234567", view.Initialize);
        Assert.Equal("""{"ttl":30}""", view.ConfigJson);
        Assert.Equal(7, view.ConfigModRevision);
        Assert.Equal(new LeaderKey("n1", 9, 77), view.Leader);
        Assert.Equal(["n1", "n2"], view.Members.Select(m => m.Name));
        Assert.Equal(MemberRole.Primary, view.LeaderMember?.Role);
        Assert.Equal(new FailoverKey("n1", "n2", null), view.Failover);
        Assert.Equal(["n2"], view.Sync?.SyncStandbys);
        Assert.Equal(11, view.Sync?.ModRevision);
        Assert.Single(view.History);
        Assert.Equal(4242, view.LastLsn);
        Assert.Equal(12, view.Revision);
        Assert.True(view.IsReachable);
    }

    [Fact]
    public void Parse_of_an_empty_prefix_gives_an_empty_view()
    {
        ClusterView view = ClusterViewParser.Parse(Prefix, [], revision: 3);
        Assert.Null(view.Initialize);
        Assert.Null(view.Leader);
        Assert.Empty(view.Members);
        Assert.Equal(3, view.Revision);
    }

    [Fact]
    public void Parse_ignores_keys_of_other_clusters_and_nested_member_keys()
    {
        ClusterView view = ClusterViewParser.Parse(Prefix,
        [
            new DcsKeyValue("/service/other/leader", "x", 1, 0),
            Kv("members/n1/sub", "{}"),
            Kv("members/n2", "{}"),
        ], revision: 1);
        Assert.Null(view.Leader);
        Assert.Equal(["n2"], view.Members.Select(m => m.Name));
    }

    [Fact]
    public void Parse_keeps_a_leader_whose_member_key_is_missing()
    {
        ClusterView view = ClusterViewParser.Parse(Prefix, [Kv("leader", "ghost")], revision: 1);
        Assert.Equal("ghost", view.Leader?.Name);
        Assert.Null(view.LeaderMember);
    }

    [Fact]
    public void Parse_reads_the_legacy_optime_only_without_status()
    {
        Assert.Equal(99, ClusterViewParser.Parse(Prefix, [Kv("optime/leader", "99")], 1).LastLsn);
        Assert.Equal(0, ClusterViewParser.Parse(Prefix, [Kv("optime/leader", "99"), Kv("status", "{")], 1).LastLsn);
    }

    [Fact]
    public void Parse_of_malformed_values_does_not_throw_and_treats_them_as_absent()
    {
        ClusterView view = ClusterViewParser.Parse(Prefix,
        [
            Kv("members/n1", "{"),
            Kv("failover", "{\"member\":"),
            Kv("sync", "[]"),
            Kv("history", "nope"),
            Kv("status", "17"),
        ], revision: 1);
        Assert.Equal("n1", Assert.Single(view.Members).Name);
        Assert.Null(view.Failover);
        Assert.Null(view.Sync);
        Assert.Empty(view.History);
        Assert.Equal(0, view.LastLsn);
    }
}

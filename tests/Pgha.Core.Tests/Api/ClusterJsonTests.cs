using System.Text.Json.Nodes;
using Pgha.Core.Api;
using Pgha.Core.Cluster;
using static Pgha.Core.Tests.Api.Snapshots;

namespace Pgha.Core.Tests.Api;

public sealed class ClusterJsonTests
{
    private static JsonObject Parse(ClusterView cluster) => JsonNode.Parse(ClusterJson.Build(cluster))!.AsObject();

    [Fact]
    public void Members_are_sorted_by_name_with_role_host_port_and_lag()
    {
        ClusterView cluster = ThreeNodes("n1", "n3") with
        {
            Members = [.. ThreeNodes().Members.Reverse()],
        };

        JsonArray members = Parse(cluster)["members"]!.AsArray();

        Assert.Equal(["n1", "n2", "n3"], members.Select(m => (string?)m!["name"]));
        Assert.Equal(["leader", "replica", "sync_standby"], members.Select(m => (string?)m!["role"]));
        JsonObject n2 = members[1]!.AsObject();
        Assert.Equal(
            ["api_url", "host", "lag", "name", "port", "role", "state", "timeline"],
            n2.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("127.0.63.2", (string?)n2["host"]);
        Assert.Equal(5432, (int?)n2["port"]);
        Assert.Equal("http://127.0.63.2:8008/patroni", (string?)n2["api_url"]);
        Assert.Equal(1000, (long?)n2["lag"]);
        Assert.Null(members[0]!["lag"]);
    }

    [Fact]
    public void Lag_is_unknown_without_a_position_and_never_negative()
    {
        ClusterView cluster = ThreeNodes() with
        {
            Members = [Member("n1", MemberRole.Primary, LeaderLsn), Member("n2", MemberRole.Replica, null), Member("n3", MemberRole.Replica, LeaderLsn + 5)],
        };

        JsonArray members = Parse(cluster)["members"]!.AsArray();

        Assert.Equal("unknown", (string?)members[1]!["lag"]);
        Assert.Equal(0, (long?)members[2]!["lag"]);
    }

    [Fact]
    public void The_leader_of_a_standby_cluster_is_the_standby_leader()
    {
        ClusterView cluster = ThreeNodes() with { ConfigJson = """{"standby_cluster":{"host":"10.0.0.1","port":5432}}""" };

        Assert.Equal("standby_leader", (string?)Parse(cluster)["members"]![0]!["role"]);
    }

    [Fact]
    public void Pause_tags_pending_restart_and_a_scheduled_switchover_are_shown()
    {
        ClusterView cluster = ThreeNodes() with
        {
            ConfigJson = """{"ttl":30,"pause":true}""",
            Failover = new FailoverKey("n1", "n2", new DateTimeOffset(2026, 3, 24, 12, 0, 0, TimeSpan.Zero)),
            Members = [Member("n1", MemberRole.Primary, LeaderLsn) with { PendingRestart = true, Tags = new MemberTags { NoSync = true } }],
        };

        JsonObject json = Parse(cluster);

        Assert.True((bool?)json["pause"]);
        Assert.True((bool?)json["members"]![0]!["pending_restart"]);
        Assert.True((bool?)json["members"]![0]!["tags"]!["nosync"]);
        JsonObject switchover = json["scheduled_switchover"]!.AsObject();
        Assert.Equal("2026-03-24T12:00:00+00:00", (string?)switchover["at"]);
        Assert.Equal("n1", (string?)switchover["from"]);
        Assert.Equal("n2", (string?)switchover["to"]);
    }

    [Fact]
    public void A_failover_key_without_schedule_is_not_a_scheduled_switchover()
    {
        ClusterView cluster = ThreeNodes() with { Failover = new FailoverKey("n1", "n2", null) };

        JsonObject json = Parse(cluster);

        Assert.Null(json["scheduled_switchover"]);
        Assert.Null(json["pause"]);
    }
}

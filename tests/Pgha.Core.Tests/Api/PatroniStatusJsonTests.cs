using System.Text.Json.Nodes;
using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;
using static Pgha.Core.Tests.Api.Snapshots;

namespace Pgha.Core.Tests.Api;

public sealed class PatroniStatusJsonTests
{
    private static JsonObject Parse(AgentSnapshot s) => JsonNode.Parse(PatroniStatusJson.Build(s, Now))!.AsObject();

    private static string[] Keys(JsonObject o) => o.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void A_leader_reports_master_with_its_wal_location_and_replication()
    {
        AgentSnapshot leader = Leader() with
        {
            Postgres = Leader().Postgres with
            {
                Replication = [new ReplicationConnection("n2", "127.0.63.2", "streaming", "async", 0, "replicator", 5)],
            },
        };

        JsonObject json = Parse(leader);

        Assert.Equal(
            ["database_system_identifier", "dcs_last_seen", "patroni", "postmaster_start_time", "replication", "role",
             "server_version", "state", "timeline", "xlog"],
            Keys(json));
        Assert.Equal("running", (string?)json["state"]);
        Assert.Equal("master", (string?)json["role"]);
        Assert.Equal("2026-03-24 09:00:00.345678+00:00", (string?)json["postmaster_start_time"]);
        Assert.Equal(150004, (int?)json["server_version"]);
        Assert.Equal(LeaderLsn, (long?)json["xlog"]!["location"]);
        Assert.Equal(1, (int?)json["timeline"]);
        Assert.Equal(Now.AddSeconds(-2).ToUnixTimeSeconds(), (long?)json["dcs_last_seen"]);
        Assert.Equal("7214000000000000001", (string?)json["database_system_identifier"]);
        JsonObject replication = json["replication"]![0]!.AsObject();
        Assert.Equal(["application_name", "client_addr", "state", "sync_priority", "sync_state", "usename"], Keys(replication));
        Assert.Equal("replicator", (string?)replication["usename"]);
        Assert.Equal("3.0.2", (string?)json["patroni"]!["version"]);
        Assert.Equal("demo", (string?)json["patroni"]!["scope"]);
        Assert.Equal("n1", (string?)json["patroni"]!["name"]);
    }

    [Fact]
    public void A_replica_reports_received_and_replayed_locations()
    {
        AgentSnapshot replica = Replica(behind: 500) with
        {
            Postgres = Replica(behind: 500).Postgres with { ReplayedTimestamp = Now.AddSeconds(-1) },
        };

        JsonObject json = Parse(replica);

        Assert.Equal("replica", (string?)json["role"]);
        JsonObject xlog = json["xlog"]!.AsObject();
        Assert.Equal(["paused", "received_location", "replayed_location", "replayed_timestamp"], Keys(xlog));
        Assert.Equal(LeaderLsn - 500, (long?)xlog["replayed_location"]);
        Assert.Equal("2026-03-24 10:11:11+00:00", (string?)xlog["replayed_timestamp"]);
        Assert.False((bool?)xlog["paused"]);
        Assert.Null(json["replication"]);
        Assert.Null(json["cluster_unlocked"]);
    }

    [Fact]
    public void A_streaming_replica_reports_state_running_and_replication_state_streaming()
    {
        JsonObject json = Parse(Replica() with { State = "running", ReplicationState = "streaming" });

        Assert.Equal("running", (string?)json["state"]);
        Assert.Equal("streaming", (string?)json["replication_state"]);
        Assert.Null(Parse(Leader())["replication_state"]);
    }

    [Fact]
    public void A_sync_replica_says_so()
    {
        JsonObject json = Parse(Replica() with { Cluster = ThreeNodes("n1", "n2") });

        Assert.True((bool?)json["sync_standby"]);
    }

    [Fact]
    public void Stopped_postgres_reports_only_state_role_and_the_common_fields()
    {
        JsonObject json = Parse(Stopped(Replica()) with { Paused = true, Tags = new MemberTags { NoFailover = true } });

        Assert.Equal(["dcs_last_seen", "patroni", "pause", "role", "state", "tags"], Keys(json));
        Assert.Equal("stopped", (string?)json["state"]);
        Assert.Equal("replica", (string?)json["role"]);
        Assert.True((bool?)json["tags"]!["nofailover"]);
    }

    [Fact]
    public void A_cluster_without_leader_key_is_reported_unlocked()
    {
        AgentSnapshot s = Replica() with { Cluster = ThreeNodes() with { Leader = null } };

        Assert.True((bool?)Parse(s)["cluster_unlocked"]);
    }

    [Fact]
    public void A_node_without_a_DCS_view_reports_the_cluster_unlocked() =>
        Assert.True((bool?)Parse(WithoutDcs(Replica()))["cluster_unlocked"]);

    [Fact]
    public void Pending_restart_is_reported_only_when_true()
    {
        AgentSnapshot s = Leader() with { Postgres = Leader().Postgres with { PendingRestart = true } };

        Assert.True((bool?)Parse(s)["pending_restart"]);
        Assert.Null(Parse(Leader())["pending_restart"]);
    }

    [Fact]
    public void Postgres_that_does_not_answer_is_reported_as_unknown()
    {
        AgentSnapshot s = Leader() with { Postgres = new LocalPostgres { RunState = PostgresRunState.NotResponding } };

        JsonObject json = Parse(s);

        Assert.Equal("unknown", (string?)json["state"]);
        Assert.Equal("master", (string?)json["role"]);
        Assert.Null(json["xlog"]);
    }
}

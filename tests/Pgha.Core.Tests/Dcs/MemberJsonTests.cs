using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class MemberJsonTests
{
    private static readonly Member s_replica = new()
    {
        Name = "n2",
        ConnUrl = "postgres://127.0.0.2:5432/postgres",
        ApiUrl = "http://127.0.0.2:8008/patroni",
        State = "running",
        ReplicationState = "streaming",
        Role = MemberRole.Replica,
        Version = "3.0.2",
        XlogLocation = 50331808,
        Timeline = 3,
    };

    [Fact]
    public void Serialize_writes_compact_json_with_patroni_field_names()
    {
        Assert.Equal(
            """{"conn_url":"postgres://127.0.0.2:5432/postgres","api_url":"http://127.0.0.2:8008/patroni","state":"running","role":"replica","version":"3.0.2","xlog_location":50331808,"replication_state":"streaming","timeline":3}""",
            MemberJson.Serialize(s_replica));
    }


    [Fact]
    public void Serialize_writes_primary_role_as_master() =>
        Assert.Contains("\"role\":\"master\"", MemberJson.Serialize(s_replica with { Role = MemberRole.Primary }));

    [Fact]
    public void Serialize_drops_false_tags_and_keeps_true_ones()
    {
        var tags = new MemberTags { NoFailover = true, NoSync = false, ReplicateFrom = "n1", Custom = new Dictionary<string, string> { ["dc"] = "east" } };
        string json = MemberJson.Serialize(s_replica with { Tags = tags });
        Assert.Contains("\"tags\":{\"nofailover\":true,\"replicatefrom\":\"n1\",\"dc\":\"east\"}", json);
        Assert.DoesNotContain("nosync", json);
    }

    [Fact]
    public void Serialize_omits_tags_pending_restart_and_pause_when_unset()
    {
        string json = MemberJson.Serialize(s_replica);
        Assert.DoesNotContain("tags", json);
        Assert.DoesNotContain("pending_restart", json);
        Assert.DoesNotContain("pause", json);
    }

    [Fact]
    public void Serialize_writes_pending_restart_and_pause_only_when_true()
    {
        string json = MemberJson.Serialize(s_replica with { PendingRestart = true, Paused = true });
        Assert.Contains("\"pending_restart\":true", json);
        Assert.Contains("\"pause\":true", json);
    }

    [Fact]
    public void Parse_reads_back_what_serialize_wrote()
    {
        var tags = new MemberTags { NoFailover = true, CloneFrom = true, Custom = new Dictionary<string, string> { ["dc"] = "east" } };
        Member original = s_replica with { Tags = tags, PendingRestart = true, Paused = true };
        Member parsed = MemberJson.Parse("n2", MemberJson.Serialize(original));
        Assert.Equal(MemberJson.Serialize(original), MemberJson.Serialize(parsed));
        Assert.True(parsed.Tags.NoFailover);
        Assert.Equal("east", parsed.Tags.Custom["dc"]);
        Assert.Equal("streaming", parsed.ReplicationState);
    }

    [Fact]
    public void Parse_reads_a_member_written_by_patroni()
    {
        const string json = """{"conn_url": "postgres://10.0.0.1:5433/postgres", "api_url": "http://10.0.0.1:8008/patroni", "state": "running", "role": "master", "version": "3.0.2", "xlog_location": 1234, "timeline": 2, "tags": {"nofailover": true}}""";
        Member m = MemberJson.Parse("pg1", json);
        Assert.Equal(MemberRole.Primary, m.Role);
        Assert.Equal(("10.0.0.1", 5433), m.PostgresEndpoint);
        Assert.Equal(1234, m.XlogLocation);
        Assert.Equal(2, m.Timeline);
        Assert.True(m.Tags.NoFailover);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("""{"role": 5, "timeline": "x", "xlog_location": [], "tags": "no"}""")]
    public void Parse_of_a_malformed_value_gives_a_member_with_defaults(string value)
    {
        Member m = MemberJson.Parse("n9", value);
        Assert.Equal("n9", m.Name);
        Assert.Equal(MemberRole.Uninitialized, m.Role);
        Assert.Null(m.Timeline);
        Assert.Null(m.XlogLocation);
        Assert.Equal(MemberTags.None, m.Tags);
    }

    [Fact]
    public void Parse_reads_the_legacy_connection_url_form()
    {
        Member m = MemberJson.Parse("old", "postgres://replicator@10.0.0.5:5432/postgres?application_name=http%3A%2F%2F10.0.0.5%3A8008%2Fpatroni");
        Assert.Equal("postgres://replicator@10.0.0.5:5432/postgres", m.ConnUrl);
        Assert.Equal("http://10.0.0.5:8008/patroni", m.ApiUrl);
    }
}

using System.Text.Json.Nodes;
using Pgha.Core.Ctl;

namespace Pgha.Core.Tests.Ctl;

public sealed class ConfigValidationTests
{
    private static readonly Dictionary<string, PgSetting> s_settings = new()
    {
        ["shared_buffers"] = new("shared_buffers", "integer", "8kB", 16, 1073741823, [], "postmaster"),
        ["work_mem"] = new("work_mem", "integer", "kB", 64, 2147483647, [], "user"),
        ["wal_level"] = new("wal_level", "enum", null, null, null, ["minimal", "replica", "logical"], "postmaster"),
        ["hot_standby"] = new("hot_standby", "bool", null, null, null, [], "postmaster"),
        ["checkpoint_completion_target"] = new("checkpoint_completion_target", "real", null, 0, 1, [], "sighup"),
        ["checkpoint_timeout"] = new("checkpoint_timeout", "integer", "s", 30, 86400, [], "sighup"),
        ["max_connections"] = new("max_connections", "integer", null, 1, 262143, [], "postmaster"),
    };

    [Theory]
    [InlineData("shared_buffers", "256MB")]
    [InlineData("shared_buffers", "32768")]
    [InlineData("work_mem", "4MB")]
    [InlineData("wal_level", "Logical")]
    [InlineData("hot_standby", "on")]
    [InlineData("hot_standby", "false")]
    [InlineData("checkpoint_completion_target", "0.9")]
    [InlineData("checkpoint_timeout", "5min")]
    [InlineData("max_connections", "150")]
    [InlineData("pg_stat_statements.max", "10000")]
    public void Values_postgresql_accepts_pass(string name, string value)
    {
        Assert.Empty(GucCheck.Validate(new Dictionary<string, string> { [name] = value }, s_settings));
    }

    [Theory]
    [InlineData("shared_buffers", "12qq", "is not a valid integer")]
    [InlineData("shared_buffers", "64kB", "is outside the valid range")]
    [InlineData("work_mem", "4 parsecs", "is not a valid integer")]
    [InlineData("wal_level", "loud", "is not one of the allowed values")]
    [InlineData("hot_standby", "maybe", "is not a boolean")]
    [InlineData("checkpoint_completion_target", "1.5", "is outside the valid range")]
    [InlineData("checkpoint_timeout", "10s", "is outside the valid range")]
    [InlineData("max_connections", "1.5", "is not an integer")]
    [InlineData("no_such_parameter", "1", "is not a PostgreSQL parameter")]
    public void Values_postgresql_refuses_are_refused_with_the_reason(string name, string value, string reason)
    {
        var error = Assert.Single(GucCheck.Validate(new Dictionary<string, string> { [name] = value }, s_settings));
        Assert.Equal($"postgresql.parameters.{name}", error.KeyPath);
        Assert.Contains(reason, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"ttl\":\"abc\"}", "ttl")]
    [InlineData("{\"pause\":\"yes please\"}", "pause")]
    [InlineData("{\"ttl\":2}", "ttl")]
    [InlineData("{\"loop_wait\":10,\"retry_timeout\":10,\"ttl\":20}", "ttl")]
    [InlineData("{\"postgresql\":{\"pg_hba\":\"host all all 0.0.0.0/0 trust\"}}", "postgresql.pg_hba")]
    [InlineData("{\"postgresql\":{\"use_slots\":3}}", "postgresql.use_slots")]
    [InlineData("{\"postgresql\":{\"parameters\":{\"wal_level\":\"loud\"}}}", "postgresql.parameters.wal_level")]
    public void Whole_configs_breaking_patronis_rules_or_pg_settings_are_refused(string json, string key)
    {
        var errors = ConfigCheck.Validate((JsonObject)JsonNode.Parse(json)!, s_settings);
        Assert.Contains(errors, e => e.KeyPath == key);
    }

    [Fact]
    public void A_valid_config_passes()
    {
        var config = (JsonObject)JsonNode.Parse("{\"ttl\":30,\"loop_wait\":10,\"retry_timeout\":10,\"pause\":true,\"postgresql\":{\"use_pg_rewind\":true,\"parameters\":{\"work_mem\":\"8MB\"},\"pg_hba\":[\"local all all peer\"]}}")!;
        Assert.Empty(ConfigCheck.Validate(config, s_settings));
    }

    [Fact]
    public void Set_and_parameter_edits_and_merges_change_only_what_they_name()
    {
        var config = (JsonObject)JsonNode.Parse("{\"ttl\":30,\"postgresql\":{\"parameters\":{\"work_mem\":\"4MB\",\"max_connections\":100}}}")!;
        ConfigEdits.Set(config, "loop_wait=5");
        ConfigEdits.Set(config, "postgresql.use_slots=false");
        ConfigEdits.SetParameter(config, "work_mem=8MB");
        ConfigEdits.SetParameter(config, "pg_stat_statements.max=100");
        ConfigEdits.Merge(config, (JsonObject)JsonNode.Parse("{\"ttl\":null,\"postgresql\":{\"parameters\":{\"max_connections\":null}}}")!);
        Assert.Equal("{\"postgresql\":{\"parameters\":{\"work_mem\":\"8MB\",\"pg_stat_statements.max\":100},\"use_slots\":false},\"loop_wait\":5}", config.ToJsonString());
    }

    [Fact]
    public void Dropped_hba_rules_are_named()
    {
        var before = (JsonObject)JsonNode.Parse("{\"postgresql\":{\"pg_hba\":[\"local all all peer\",\"host all all 10.0.0.0/8 md5\"]}}")!;
        var after = (JsonObject)JsonNode.Parse("{\"postgresql\":{\"pg_hba\":[\"local all all peer\"]}}")!;
        Assert.Equal(["host all all 10.0.0.0/8 md5"], ConfigEdits.DroppedHbaLines(before, after));
    }

    [Fact]
    public void Config_yaml_round_trips_with_types_kept()
    {
        string json = "{\"ttl\":30,\"pause\":true,\"postgresql\":{\"parameters\":{\"work_mem\":\"8MB\",\"port\":\"5432\"},\"pg_hba\":[\"local all all peer\"]}}";
        string yaml = ConfigYaml.FromJson(json);
        Assert.Contains("ttl: 30", yaml, StringComparison.Ordinal);
        JsonObject back = ConfigYaml.ToJson(yaml);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), back), back.ToJsonString());
    }

    [Fact]
    public void The_diff_marks_removed_and_added_lines()
    {
        string diff = UnifiedDiff.Render("a: 1\nb: 2\n", "a: 1\nb: 3\n", "before", "after");
        Assert.Equal("--- before\n+++ after\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n+b: 3\n", diff);
        Assert.Equal("", UnifiedDiff.Render("a: 1\n", "a: 1\n", "x", "y"));
    }
}

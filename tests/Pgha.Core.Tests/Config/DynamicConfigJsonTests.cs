using Pgha.Core.Config;

namespace Pgha.Core.Tests.Config;

public sealed class DynamicConfigJsonTests
{
    private const string TutorialDcsJson =
        """{"ttl":30,"loop_wait":10,"retry_timeout":10,"maximum_lag_on_failover":1048576,"primary_start_timeout":300,"primary_stop_timeout":0,"check_timeline":false,"synchronous_mode":false,"synchronous_mode_strict":false,"synchronous_node_count":1,"failsafe_mode":false,"postgresql":{"use_pg_rewind":true,"use_slots":true,"parameters":{"wal_level":"logical","hot_standby":"on","wal_keep_size":4096,"max_wal_senders":10,"max_replication_slots":10,"wal_log_hints":"on","archive_mode":"on","archive_command":"/bin/true","archive_timeout":"600s","logging_collector":"on","log_line_prefix":"%m [%r] [%p]: [%l-1] user=%u,db=%d,host=%h ","log_filename":"postgresql-%a.log","log_lock_waits":"on","log_min_duration_statement":500,"max_wal_size":"1GB"}}}""";

    [Fact]
    public void The_tutorials_bootstrap_dcs_serializes_with_patroni_key_names_and_json_types()
    {
        ConfigLoadResult result = PghaConfigLoader.Load(TutorialPatroniYaml.Text, "p.yaml", new Dictionary<string, string>());

        Assert.Equal(TutorialDcsJson, DynamicConfigJson.Serialize(result.Config!.Bootstrap!.Dcs));
    }

    [Fact]
    public void Serialize_then_parse_gives_the_same_json()
    {
        DynamicConfig config = DynamicConfigJson.Parse(TutorialDcsJson) with
        {
            Pause = true,
            SynchronousMode = true,
            PgHba = ["host all all 0.0.0.0/0 scram-sha-256"],
            RecoveryConf = new Dictionary<string, string> { ["recovery_min_apply_delay"] = "0" },
        };

        string json = DynamicConfigJson.Serialize(config);

        Assert.Equal(json, DynamicConfigJson.Serialize(DynamicConfigJson.Parse(json)));
        Assert.Contains("\"pause\":true", json, StringComparison.Ordinal);
        Assert.Contains("\"pg_hba\":[\"host all all 0.0.0.0/0 scram-sha-256\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_tolerates_numbers_as_strings_unknown_keys_and_legacy_names()
    {
        DynamicConfig config = DynamicConfigJson.Parse(
            """{"ttl":"20","loop_wait":"5","master_start_timeout":60,"retry_timeout":4.0,"slots":{"x":{"type":"physical"}},"pause":"true","watchdog":{"mode":"off"}}""");

        Assert.Equal((20, 5, 4, 60, true), (config.Ttl, config.LoopWait, config.RetryTimeout, config.PrimaryStartTimeout, config.Pause));
    }

    [Fact]
    public void Parameter_scalars_become_postgresql_text()
    {
        DynamicConfig config = DynamicConfigJson.Parse(
            """{"postgresql":{"parameters":{"hot_standby":true,"fsync":false,"max_connections":100,"work_mem":"4MB","x":null,"y":[1]}}}""");

        Assert.Equal(new Dictionary<string, string> { ["hot_standby"] = "on", ["fsync"] = "off", ["max_connections"] = "100", ["work_mem"] = "4MB" },
            config.Parameters);
    }

    [Fact]
    public void Parameters_that_look_like_integers_are_written_as_numbers_and_others_as_text()
    {
        var config = new DynamicConfig { Parameters = new Dictionary<string, string> { ["a"] = "100", ["b"] = "0600", ["c"] = "-5", ["d"] = "on", ["e"] = "1.5" } };

        Assert.Contains("\"parameters\":{\"a\":100,\"b\":\"0600\",\"c\":-5,\"d\":\"on\",\"e\":\"1.5\"}", DynamicConfigJson.Serialize(config), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_text_that_is_not_a_json_object()
    {
        Assert.Throws<FormatException>(() => DynamicConfigJson.Parse("[1,2]"));
        Assert.Throws<FormatException>(() => DynamicConfigJson.Parse("{ttl:"));
    }

    [Fact]
    public void Dynamic_rules_name_keys_without_a_prefix_for_the_dcs_key()
    {
        ConfigError error = Assert.Single(DynamicConfigRules.Validate(new DynamicConfig { Ttl = 15 }, ""));

        Assert.Equal("ttl: \"15\" is less than loop_wait + 2 x retry_timeout (10 + 2 x 10 = 30); raise ttl to 30 or lower loop_wait/retry_timeout", error.ToString());
    }
}

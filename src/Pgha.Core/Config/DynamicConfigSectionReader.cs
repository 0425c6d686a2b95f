namespace Pgha.Core.Config;

/// <summary>Reads <c>bootstrap.dcs</c>: the first content of the DCS <c>config</c> key.</summary>
internal static class DynamicConfigSectionReader
{
    public static DynamicConfig Read(ConfigSection dcs)
    {
        var d = new DynamicConfig();
        int errorsBefore = dcs.Report.ErrorCount;
        dcs.Accept("master_start_timeout", "master_stop_timeout");
        ConfigSection postgresql = dcs.Section("postgresql");
        var config = new DynamicConfig
        {
            Ttl = dcs.Int("ttl", d.Ttl) ?? d.Ttl,
            LoopWait = dcs.Int("loop_wait", d.LoopWait) ?? d.LoopWait,
            RetryTimeout = dcs.Int("retry_timeout", d.RetryTimeout) ?? d.RetryTimeout,
            MaximumLagOnFailover = dcs.Long("maximum_lag_on_failover", d.MaximumLagOnFailover) ?? d.MaximumLagOnFailover,
            PrimaryStartTimeout = Aliased(dcs, "primary_start_timeout", "master_start_timeout", d.PrimaryStartTimeout),
            PrimaryStopTimeout = Aliased(dcs, "primary_stop_timeout", "master_stop_timeout", d.PrimaryStopTimeout),
            CheckTimeline = dcs.Bool("check_timeline") ?? d.CheckTimeline,
            SynchronousMode = dcs.Bool("synchronous_mode") ?? d.SynchronousMode,
            SynchronousModeStrict = dcs.Bool("synchronous_mode_strict") ?? d.SynchronousModeStrict,
            SynchronousNodeCount = dcs.Int("synchronous_node_count", d.SynchronousNodeCount) ?? d.SynchronousNodeCount,
            MaximumLagOnSyncNode = dcs.Long("maximum_lag_on_syncnode", d.MaximumLagOnSyncNode) ?? d.MaximumLagOnSyncNode,
            FailsafeMode = dcs.Bool("failsafe_mode") ?? d.FailsafeMode,
            Pause = dcs.Bool("pause") ?? d.Pause,
            UsePgRewind = postgresql.Bool("use_pg_rewind") ?? d.UsePgRewind,
            UseSlots = postgresql.Bool("use_slots") ?? d.UseSlots,
            Parameters = GucRules.Checked(postgresql, "parameters") ?? d.Parameters,
            PgHba = postgresql.TextList("pg_hba", commaString: false),
            RecoveryConf = postgresql.TextMap("recovery_conf") ?? d.RecoveryConf,
        };
        postgresql.Unsupported("pg_ident");
        postgresql.WarnUnknownKeys();
        dcs.Unsupported("max_timelines_history", "standby_cluster", "slots", "ignore_slots");
        dcs.WarnUnknownKeys();
        if (dcs.Report.ErrorCount == errorsBefore)
        {
            // Only on well-typed values: a default standing in for a bad one would give a misleading message.
            dcs.Report.Add(DynamicConfigRules.Validate(config, dcs.Path));
        }
        return config;
    }

    // Patroni 3 renamed master_* to primary_*; the new name wins when both are present.
    private static int Aliased(ConfigSection dcs, string key, string legacyKey, int fallback) =>
        dcs.Int(key, fallback) ?? dcs.Int(legacyKey, fallback) ?? fallback;
}

using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class ControlDataTests
{
    private const string ShutDownInRecovery = """
        pg_control version number:            1300
        Catalog version number:               202209061
        Database system identifier:           7312345678901234567
        Database cluster state:               shut down in recovery
        pg_control last modified:             Thu 26 Nov 2026 00:00:00 UTC
        Latest checkpoint location:           0/3000060
        Latest checkpoint's REDO location:    0/3000028
        Latest checkpoint's TimeLineID:       2
        Latest checkpoint's PrevTimeLineID:   1
        Minimum recovery ending location:     0/5000100
        Min recovery ending loc's timeline:   2
        wal_level setting:                    replica
        wal_log_hints setting:                on
        Data page checksum version:           1
        """;

    [Fact]
    public void Parse_reads_identity_state_timeline_and_positions()
    {
        ControlData data = ControlData.Parse(ShutDownInRecovery);

        Assert.Equal("7312345678901234567", data.SystemIdentifier);
        Assert.Equal("shut down in recovery", data.ClusterState);
        Assert.Equal(2, data.Timeline);
        Assert.Equal(0x3000060L, data.CheckpointLocation);
        Assert.Equal(0x5000100L, data.MinRecoveryEndLocation);
        Assert.True(data.WalLogHints);
        Assert.Equal(1, data.DataChecksumVersion);
        Assert.True(data.IsCleanShutdown);
    }

    [Fact]
    public void Wal_position_of_a_standby_stopped_in_recovery_is_its_minimum_recovery_end()
    {
        Assert.Equal(0x5000100L, ControlData.Parse(ShutDownInRecovery).WalPosition);
    }

    [Fact]
    public void Wal_position_of_a_crashed_primary_is_its_checkpoint_and_it_is_not_clean()
    {
        ControlData data = ControlData.Parse(ShutDownInRecovery.Replace("shut down in recovery", "in production", StringComparison.Ordinal));

        Assert.Equal(0x3000060L, data.WalPosition);
        Assert.False(data.IsCleanShutdown);
    }

    [Fact]
    public void Timeline_of_a_standby_stopped_in_recovery_is_the_one_it_replayed_up_to_not_its_restartpoints()
    {
        ControlData data = ControlData.Parse(ShutDownInRecovery.Replace("loc's timeline:   2", "loc's timeline:   3", StringComparison.Ordinal));

        Assert.Equal(2, data.Timeline);
        Assert.Equal(3, data.MinRecoveryEndTimeline);
        Assert.Equal(3, data.WalTimeline);
    }

    [Fact]
    public void Timeline_of_a_shut_down_primary_is_its_checkpoints_even_with_a_stale_recovery_timeline()
    {
        ControlData data = ControlData.Parse(ShutDownInRecovery
            .Replace("shut down in recovery", "shut down", StringComparison.Ordinal)
            .Replace("loc's timeline:   2", "loc's timeline:   3", StringComparison.Ordinal));

        Assert.Equal(2, data.WalTimeline);
    }

    [Fact]
    public void Timeline_of_a_standby_without_a_minimum_recovery_point_is_its_checkpoints()
    {
        ControlData data = ControlData.Parse(ShutDownInRecovery.Replace("loc's timeline:   2", "loc's timeline:   0", StringComparison.Ordinal));

        Assert.Equal(2, data.WalTimeline);
    }

    [Fact]
    public void Parse_accepts_the_current_prefix_of_older_versions()
    {
        ControlData data = ControlData.Parse(ShutDownInRecovery.Replace("wal_log_hints setting", "Current wal_log_hints setting", StringComparison.Ordinal));

        Assert.True(data.WalLogHints);
    }

    [Fact]
    public void Parse_names_the_missing_line()
    {
        FormatException e = Assert.Throws<FormatException>(() => ControlData.Parse("pg_control version number: 1300\n"));

        Assert.Contains("Database system identifier", e.Message, StringComparison.Ordinal);
    }
}

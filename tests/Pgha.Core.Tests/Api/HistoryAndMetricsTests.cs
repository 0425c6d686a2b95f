using Pgha.Core.Api;
using Pgha.Core.Cluster;
using static Pgha.Core.Tests.Api.Snapshots;

namespace Pgha.Core.Tests.Api;

public sealed class HistoryAndMetricsTests
{
    [Fact]
    public void History_rows_keep_patroni_shape_and_leave_out_missing_tail_fields()
    {
        HistoryEntry[] history =
        [
            new(1, 50331808, "no recovery target specified", null, null),
            new(2, 83886240, "no recovery target specified", new DateTimeOffset(2026, 3, 24, 10, 0, 0, TimeSpan.Zero).AddTicks(1230), "n2"),
        ];

        string json = HistoryJson.Build(history);

        Assert.Equal(
            """[[1,50331808,"no recovery target specified"],[2,83886240,"no recovery target specified","2026-03-24T10:00:00.000123+00:00","n2"]]""",
            json);
    }

    [Fact]
    public void Empty_history_is_an_empty_list() => Assert.Equal("[]", HistoryJson.Build([]));

    [Fact]
    public void Metrics_carry_patroni_names_and_the_scope_label()
    {
        string text = MetricsText.Build(Leader(), Now);

        Assert.Contains("# TYPE patroni_version gauge\npatroni_version{scope=\"demo\"} 030002\n", text);
        Assert.Contains("patroni_postgres_running{scope=\"demo\"} 1\n", text);
        Assert.Contains("patroni_master{scope=\"demo\"} 1\n", text);
        Assert.Contains("patroni_primary{scope=\"demo\"} 1\n", text);
        Assert.Contains("patroni_replica{scope=\"demo\"} 0\n", text);
        Assert.Contains($"patroni_xlog_location{{scope=\"demo\"}} {LeaderLsn}\n", text);
        Assert.Contains("patroni_postgres_server_version {scope=\"demo\"} 150004\n", text);
        Assert.Contains("patroni_postgres_timeline{scope=\"demo\"} 1\n", text);
        Assert.Contains("patroni_cluster_unlocked{scope=\"demo\"} 0\n", text);
        Assert.Contains("patroni_postmaster_start_time{scope=\"demo\"} 1774342800.345678\n", text);
        Assert.Contains("patroni_is_paused{scope=\"demo\"} 0\n", text);
        Assert.Equal(20, text.Split('\n').Count(line => line.StartsWith("# TYPE ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Replica_metrics_report_replay_positions()
    {
        string text = MetricsText.Build(Replica(behind: 10), Now);

        Assert.Contains("patroni_replica{scope=\"demo\"} 1\n", text);
        Assert.Contains($"patroni_xlog_replayed_location{{scope=\"demo\"}} {LeaderLsn - 10}\n", text);
        Assert.Contains("patroni_xlog_location{scope=\"demo\"} 0\n", text);
    }

    [Theory]
    [InlineData("running", "1")]
    [InlineData("streaming", "1")] // a replica whose walreceiver streams: PostgreSQL runs
    [InlineData("unknown", "0")]
    [InlineData("starting", "0")]
    [InlineData("stopped", "0")]
    public void Postgres_running_is_1_for_a_running_or_streaming_server(string state, string expected)
    {
        string text = MetricsText.Build(Replica() with { State = state }, Now);

        Assert.Contains($"patroni_postgres_running{{scope=\"demo\"}} {expected}\n", text);
    }

    [Theory]
    [InlineData("3.0.2", "030002")]
    [InlineData("10.1.12", "100112")]
    public void Version_parts_are_padded_to_two_digits(string version, string expected) =>
        Assert.Equal(expected, MetricsText.PaddedVersion(version));

    [Fact]
    public void Times_drop_the_fraction_when_microseconds_are_zero()
    {
        var whole = new DateTimeOffset(2026, 3, 24, 10, 11, 12, TimeSpan.FromHours(2));

        Assert.Equal("2026-03-24 10:11:12+02:00", PatroniTime.ToPythonString(whole));
        Assert.Equal("2026-03-24T10:11:12.000001+02:00", PatroniTime.ToIso(whole.AddTicks(10)));
    }
}

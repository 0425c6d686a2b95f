using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>The synchronous_standby_names values and the choice of standbys, apart from the rules that use them.</summary>
public sealed class SyncStandbySelectionTests
{
    [Theory]
    [InlineData("", false, "")]
    [InlineData("", true, "*")]
    [InlineData("n2", false, "\"n2\"")]
    [InlineData("n3,n2", true, "2 (\"n2\",\"n3\")")]
    [InlineData("pg-1.a", false, "\"pg-1.a\"")]
    public void The_value_quotes_each_name_and_counts_more_than_one(string names, bool strict, string expected) =>
        Assert.Equal(expected, SyncStandbyNames.Format(names.Split(',', StringSplitOptions.RemoveEmptyEntries), strict));

    [Theory]
    [InlineData("\"n2\"", "n2")]
    [InlineData("2 (\"n2\",\"n3\")", "n2,n3")]
    [InlineData("FIRST 1 (n2, \"a,b\")", "a,b|n2")]
    [InlineData("n2, n3", "n2,n3")]
    [InlineData("*", "")]
    [InlineData("", "")]
    public void A_live_value_parses_back_to_its_names(string value, string expected)
    {
        string[] names = [.. SyncStandbyNames.Parse(value).Order(StringComparer.Ordinal)];

        Assert.Equal(expected, expected.Contains('|', StringComparison.Ordinal) ? string.Join('|', names) : string.Join(',', names));
    }

    [Fact]
    public void A_standby_lagging_beyond_maximum_lag_on_syncnode_is_not_picked()
    {
        HaInput input = Input.For(Settings.For("n1", synchronousMode: true) with { MaximumLagOnSyncNode = 50 })
            .Sees(Cluster.WithLeader("n1").Member("n2").Member("n3"))
            .Finds(Postgres.SyncPrimary("", Postgres.Streaming("n2", flush: 10), Postgres.Streaming("n3", flush: 80)) with { WalPosition = 100 });

        Assert.Equal(["n3"], SyncStandbySelection.Pick(input));
    }

    [Fact]
    public void A_nofailover_member_is_picked_only_after_those_that_may_fail_over()
    {
        HaInput input = Input.For(Settings.For("n1", synchronousMode: true))
            .Sees(Cluster.WithLeader("n1").Member("n2", noFailover: true).Member("n3"))
            .Finds(Postgres.SyncPrimary("", Postgres.Streaming("n2", "sync", flush: 100), Postgres.Streaming("n3", flush: 50)));

        Assert.Equal(["n3"], SyncStandbySelection.Pick(input));
    }

    [Fact]
    public void A_sync_row_counts_as_confirmed_only_past_the_position_the_value_was_first_seen_at()
    {
        HaInput input = Input.For(Settings.For("n1", synchronousMode: true))
            .Sees(Cluster.WithLeader("n1").Member("n2"))
            .Finds(Postgres.SyncPrimary("\"n2\"", Postgres.Streaming("n2", "sync", flush: 90)));

        Assert.Empty(SyncStandbySelection.Confirmed(input, namesSeenAtLsn: 95));
        Assert.Equal(["n2"], SyncStandbySelection.Confirmed(input, namesSeenAtLsn: 90));
    }
}

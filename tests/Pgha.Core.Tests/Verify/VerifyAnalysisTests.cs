using Pgha.Core.Verify;

namespace Pgha.Core.Tests.Verify;

public sealed class VerifyAnalysisTests
{
    private static readonly DateTimeOffset s_t0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string A = "10.0.0.1:5432";
    private const string B = "10.0.0.2:5432";

    /// <summary>A write sent at <paramref name="sentMs"/> and acknowledged at <paramref name="ackMs"/> (ms after t0).</summary>
    private static AckedWrite W(long value, string server, int timeline, int sentMs, int ackMs) =>
        new(value, 0, server, timeline, s_t0.AddMilliseconds(sentMs), s_t0.AddMilliseconds(ackMs));

    private static NodeContents Node(string server, bool primary, params long[] values) => new(server, true, primary, values.ToHashSet());

    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(20);

    /// <summary>The writers stop one write interval after the last acknowledgement unless the row says when.</summary>
    private static VerifyReport Analyze(
        IReadOnlyList<AckedWrite> acked, IReadOnlyList<NodeContents> nodes, IReadOnlyList<FaultEvent>? faults = null, long[]? unknown = null, int? endMs = null)
    {
        DateTimeOffset end = endMs is int ms ? s_t0.AddMilliseconds(ms) : acked.Max(w => w.AckedAt) + s_interval;
        return VerifyAnalysis.Analyze(acked, unknown ?? [], nodes, faults ?? [], end, s_interval);
    }

    public static TheoryData<string, AckedWrite[], int> SplitBrainRows => new()
    {
        { "one primary throughout", [W(1, A, 1, 0, 5), W(2, A, 1, 10, 15), W(3, A, 1, 20, 25)], 0 },
        { "a clean failover A then B", [W(1, A, 1, 0, 5), W(2, A, 1, 10, 15), W(3, B, 2, 100, 105), W(4, B, 2, 110, 115)], 0 },
        { "A, B, then A again on the old timeline", [W(1, A, 1, 0, 5), W(2, B, 2, 10, 15), W(3, A, 1, 20, 25)], 1 },
        { "switchover back to A on a new timeline", [W(1, A, 1, 0, 5), W(2, B, 2, 10, 15), W(3, A, 3, 20, 25)], 0 },
        { "overlapping latencies prove nothing", [W(1, A, 1, 0, 12), W(2, B, 2, 10, 30), W(3, A, 1, 20, 25)], 0 },
        { "both keep acknowledging: each interleaves the other", [W(1, A, 1, 0, 5), W(2, B, 2, 10, 15), W(3, A, 1, 20, 25), W(4, B, 2, 30, 35)], 2 },
    };

    [Theory]
    [MemberData(nameof(SplitBrainRows))]
    public void Split_brain_is_a_commit_on_one_server_strictly_between_two_commits_of_another(string row, AckedWrite[] acked, int expected)
    {
        Assert.True(expected == VerifyAnalysis.FindSplitBrains(acked).Count, row);
    }

    [Fact]
    public void A_split_brain_names_the_three_writes_that_prove_it()
    {
        SplitBrain found = Assert.Single(VerifyAnalysis.FindSplitBrains([W(1, A, 1, 0, 5), W(2, B, 2, 10, 15), W(3, A, 1, 20, 25)]));
        Assert.Equal((new PrimaryTerm(A, 1), new PrimaryTerm(B, 2)), (found.First, found.Second));
        Assert.Equal((1L, 2L, 3L), (found.Before.Value, found.Between.Value, found.After.Value));
    }

    [Fact]
    public void Lost_writes_are_those_missing_on_the_one_final_primary_even_if_a_replica_holds_them()
    {
        VerifyReport report = Analyze([W(1, A, 1, 0, 5), W(2, A, 1, 10, 15), W(3, B, 2, 100, 105)], [Node(A, false, 1, 2), Node(B, true, 1, 3)]);
        Assert.Equal([2L], report.Lost.Select(w => w.Value));
        Assert.Equal(B, report.FinalPrimary);
    }

    [Fact]
    public void Without_a_single_primary_lost_writes_are_those_found_on_no_member()
    {
        VerifyReport report = Analyze([W(1, A, 1, 0, 5), W(2, A, 1, 10, 15)], [Node(A, false, 1), Node(B, false), NodeContents.Unreachable("x:1", "refused")]);
        Assert.Null(report.FinalPrimary);
        Assert.Equal([2L], report.Lost.Select(w => w.Value));
        Assert.Equal("x:1", Assert.Single(report.UnreadNodes).Server);
    }

    [Fact]
    public void Unknown_writes_are_counted_apart_and_those_that_landed_are_reported()
    {
        VerifyReport report = Analyze([W(1, A, 1, 0, 5)], [Node(A, true, 1, 7)], unknown: [7, 8]);
        Assert.Equal((1, 2, 1, 0), (report.Acknowledged, report.Unknown, report.UnknownFound, report.Lost.Count));
    }

    [Fact]
    public void The_outage_is_the_longest_gap_from_the_fault_start_until_acknowledgements_resume()
    {
        var fault = new FaultEvent("kill-leader", s_t0.AddMilliseconds(20), s_t0.AddMilliseconds(30));
        AckedWrite[] acked = [W(1, A, 1, 0, 10), W(2, A, 1, 10, 20), W(3, B, 2, 500, 1020), W(4, B, 2, 1020, 1030)];
        FaultOutage outage = Assert.Single(Analyze(acked, [Node(B, true, 1, 2, 3, 4)], [fault]).Outages);
        Assert.Equal((TimeSpan.FromMilliseconds(1000), true), (outage.Outage, outage.Recovered));
    }

    [Fact]
    public void A_fault_with_no_acknowledgement_after_it_is_an_outage_until_the_next_fault_and_not_recovered()
    {
        FaultEvent first = new("stop-etcd-majority", s_t0.AddSeconds(1), null), second = new("kill-leader", s_t0.AddSeconds(5), null);
        VerifyReport report = Analyze([W(1, A, 1, 0, 10), W(2, A, 1, 6000, 6100)], [Node(A, true, 1, 2)], [second, first]);
        Assert.Equal([(TimeSpan.FromSeconds(4), false), (TimeSpan.FromMilliseconds(1100), true)], report.Outages.Select(o => (o.Outage, o.Recovered)));
    }

    [Fact]
    public void Max_and_median_outage_over_faults()
    {
        FaultEvent F(int s) => new("x", s_t0.AddSeconds(s), null);
        // A write acknowledged every 100 ms for 40 s, except none during [1, 2), [10, 13), [20, 24) and [30, 39) s.
        (int From, int To)[] silent = [(1000, 2000), (10000, 13000), (20000, 24000), (30000, 39000)];
        AckedWrite[] acked = Enumerable.Range(0, 400).Select(i => i * 100)
            .Where(ms => !silent.Any(s => ms >= s.From && ms < s.To))
            .Select(ms => W(ms, A, 1, ms, ms)).ToArray();
        VerifyReport report = Analyze(acked, [Node(A, true, acked.Select(w => w.Value).ToArray())], [F(1), F(10), F(20), F(30)]);
        Assert.Equal((TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(3.5)), (report.MaxOutage!.Value, report.MedianOutage!.Value));
        Assert.All(report.Outages, o => Assert.True(o.Recovered));
    }

    [Fact]
    public void Writes_that_resume_and_stop_again_until_the_end_are_an_outage_until_the_end_and_not_recovered()
    {
        var fault = new FaultEvent("kill-leader", s_t0.AddSeconds(1), null);
        AckedWrite[] acked = [W(1, A, 1, 0, 900), W(2, B, 2, 1000, 1100), W(3, B, 2, 1100, 1200)];
        FaultOutage outage = Assert.Single(Analyze(acked, [Node(B, true, 1, 2, 3)], [fault], endMs: 9200).Outages);
        Assert.Equal((TimeSpan.FromSeconds(8), false), (outage.Outage, outage.Recovered));
    }

    [Fact]
    public void A_quiet_end_shorter_than_a_write_interval_and_a_second_still_counts_as_recovered()
    {
        var fault = new FaultEvent("stop-etcd-minority", s_t0.AddSeconds(1), null);
        AckedWrite[] acked = [W(1, A, 1, 0, 900), W(2, A, 1, 1000, 1010), W(3, A, 1, 1020, 1030)];
        FaultOutage outage = Assert.Single(Analyze(acked, [Node(A, true, 1, 2, 3)], [fault], endMs: 1900).Outages);
        Assert.Equal((TimeSpan.FromMilliseconds(870), true), (outage.Outage, outage.Recovered));
    }

    [Fact]
    public void Failovers_are_new_terms_in_acknowledgement_order_and_an_old_term_coming_back_is_not_one()
    {
        AckedWrite[] acked = [W(1, A, 1, 0, 5), W(2, B, 2, 10, 15), W(3, A, 1, 20, 25), W(4, A, 3, 30, 35)];
        IReadOnlyList<Failover> failovers = Analyze(acked, [Node(A, true, 1, 2, 3, 4)]).Failovers;
        Assert.Equal([(A, B), (B, A)], failovers.Select(f => (f.From.Server, f.To.Server)));
        Assert.Equal(3, failovers[1].To.Timeline);
    }

    public static TheoryData<string, bool, int, int, int> ExitRows => new()
    {
        { "clean run", true, 0, 0, 1 },
        { "loss in async mode is reported, not failed", false, 1, 0, 1 },
        { "loss in synchronous mode fails", true, 1, 0, 1 },
        { "split brain fails in async mode", false, 0, 1, 1 },
        { "two primaries at the end fail", false, 0, 0, 2 },
    };

    [Theory]
    [MemberData(nameof(ExitRows))]
    public void The_run_fails_on_split_brain_always_and_on_loss_only_in_synchronous_mode(string row, bool sync, int lost, int splitBrains, int primaries)
    {
        AckedWrite w = W(1, A, 1, 0, 5);
        var report = new VerifyReport
        {
            Acknowledged = 1,
            Unknown = 0,
            UnknownFound = 0,
            Lost = Enumerable.Repeat(w, lost).ToList(),
            FinalPrimary = A,
            PrimariesAtEnd = Enumerable.Repeat(A, primaries).ToList(),
            UnreadNodes = [],
            Outages = [],
            Failovers = [],
            SplitBrains = Enumerable.Repeat(new SplitBrain(w.Term, w.Term, w, w, w), splitBrains).ToList(),
        };
        bool fails = splitBrains > 0 || primaries > 1 || (sync && lost > 0);
        Assert.True(fails == report.Failures(sync).Count > 0, row);
    }
}

namespace Pgha.FaultTests;

/// <summary>The write checker's judgement, on made-up histories (no processes).</summary>
public sealed class WriteHistoryTests
{
    private static WriteAck Ack(long value, long sent, string server) => new(value, sent, sent + 1, server);

    [Fact]
    public void A_handover_from_one_primary_to_another_is_not_a_split_brain()
    {
        WriteAck[] acks = [Ack(1, 10, "n1"), Ack(2, 20, "n1"), Ack(3, 30, "n2"), Ack(4, 40, "n2")];
        Assert.Empty(WriteHistory.SplitBrains(acks));
    }

    [Fact]
    public void An_old_primary_acknowledging_after_the_new_one_did_is_a_split_brain()
    {
        WriteAck[] acks = [Ack(1, 10, "n1"), Ack(2, 20, "n2"), Ack(3, 30, "n1")];
        Assert.Single(WriteHistory.SplitBrains(acks));
    }

    [Fact]
    public void Writes_missing_on_the_final_primary_are_reported_lost()
    {
        WriteAck[] acks = [Ack(1, 10, "n1"), Ack(2, 20, "n1"), Ack(3, 30, "n2")];
        WriteReport report = WriteHistory.Judge(acks, new HashSet<long> { 1, 3 });
        Assert.Equal([2L], report.Lost.Select(a => a.Value));
    }

    [Fact]
    public void Only_the_last_writes_of_the_cut_off_primary_count_as_its_unshipped_tail()
    {
        WriteAck[] acks = [Ack(1, 10, "n1"), Ack(2, 20, "n1"), Ack(3, 30, "n1"), Ack(4, 40, "n2")];
        Assert.True(WriteHistory.Judge(acks, new HashSet<long> { 1, 4 }).LostOnlyTheUnshippedTailOf("n1"));
        Assert.False(WriteHistory.Judge(acks, new HashSet<long> { 1, 3, 4 }).LostOnlyTheUnshippedTailOf("n1"));
        Assert.False(WriteHistory.Judge(acks, new HashSet<long> { 1, 2, 3 }).LostOnlyTheUnshippedTailOf("n1"));
    }
}

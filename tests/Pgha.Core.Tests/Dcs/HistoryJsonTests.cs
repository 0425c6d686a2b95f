using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class HistoryJsonTests
{
    [Fact]
    public void Serialize_writes_rows_with_optional_timestamp_and_leader()
    {
        HistoryEntry[] rows =
        [
            new(1, 25165984, "no recovery target specified", null, null),
            new(2, 50331808, "no recovery target specified", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), "n2"),
        ];
        Assert.Equal(
            """[[1,25165984,"no recovery target specified"],[2,50331808,"no recovery target specified","2026-01-02T03:04:05+00:00","n2"]]""",
            HistoryJson.Serialize(rows));
    }

    [Fact]
    public void Parse_reads_back_what_serialize_wrote()
    {
        HistoryEntry[] rows = [new(3, 7, "r", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)), "n1")];
        Assert.Equal(rows, HistoryJson.Parse(HistoryJson.Serialize(rows)));
    }

    [Fact]
    public void Parse_skips_unreadable_rows()
    {
        IReadOnlyList<HistoryEntry> rows = HistoryJson.Parse("""[[1,100,"ok"],"junk",[2],["x",1,"bad tl"],[4,200,"ok2",null]]""");
        Assert.Equal([new HistoryEntry(1, 100, "ok", null, null), new HistoryEntry(4, 200, "ok2", null, null)], rows);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[")]
    [InlineData("{}")]
    public void Parse_of_a_malformed_value_gives_no_rows(string? value) => Assert.Empty(HistoryJson.Parse(value));
}

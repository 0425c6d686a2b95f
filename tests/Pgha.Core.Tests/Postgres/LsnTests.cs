using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class LsnTests
{
    [Theory]
    [InlineData("0/3000060", 0x3000060L)]
    [InlineData("0/0", 0L)]
    [InlineData("1/0", 0x1_0000_0000L)]
    [InlineData("16/B374D848", 0x16_B374_D848L)]
    public void Parse_and_format_round_trip(string text, long value)
    {
        Assert.Equal(value, Lsn.Parse(text));
        Assert.Equal(text, Lsn.Format(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("3000060")]
    [InlineData("0/xyz")]
    [InlineData("0/1/2")]
    public void Parse_rejects_text_that_is_not_a_wal_position(string text)
    {
        Assert.False(Lsn.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Lsn.Parse(text));
    }
}

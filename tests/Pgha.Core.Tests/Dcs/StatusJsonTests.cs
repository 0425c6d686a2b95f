using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class StatusJsonTests
{
    [Fact]
    public void Serialize_writes_the_optime() => Assert.Equal("""{"optime":67108960}""", StatusJson.Serialize(67108960));

    [Theory]
    [InlineData("""{"optime":67108960,"slots":{"s":1}}""", 67108960)]
    [InlineData("""{"optime":"12"}""", 12)]
    [InlineData("""{"optime":"x"}""", 0)]
    [InlineData("{", 0)]
    [InlineData("", 0)]
    public void ParseOptime_reads_the_optime_or_zero(string value, long expected) =>
        Assert.Equal(expected, StatusJson.ParseOptime(value));
}

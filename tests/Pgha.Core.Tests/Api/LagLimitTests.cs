using Pgha.Core.Api;

namespace Pgha.Core.Tests.Api;

public sealed class LagLimitTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1048576", 1048576L)]
    [InlineData("16kB", 16384L)]
    [InlineData("10MB", 10485760L)]
    [InlineData("1GB", 1073741824L)]
    [InlineData("1TB", 1099511627776L)]
    [InlineData(" 5 MB ", 5242880L)]
    [InlineData("7B", 7L)]
    public void Lag_is_read_as_bytes_with_postgres_units(string text, long expected)
    {
        Assert.True(LagLimit.TryParseBytes(text, out long bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("10mb")]
    [InlineData("10KB")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    [InlineData("9999999999TB")]
    public void Unreadable_lag_is_rejected(string text) => Assert.False(LagLimit.TryParseBytes(text, out _));

    [Fact]
    public void Unreadable_lag_in_a_query_means_no_limit()
    {
        HealthQuery query = HealthQuery.Parse([new("lag", "lots")]);

        Assert.Null(query.MaxLagBytes);
    }

    [Fact]
    public void The_first_lag_and_tag_of_a_repeated_key_win()
    {
        HealthQuery query = HealthQuery.Parse([new("lag", "1kB"), new("lag", "2kB"), new("tag_dc", "a"), new("tag_dc", "b")]);

        Assert.Equal(1024, query.MaxLagBytes);
        Assert.Equal([new KeyValuePair<string, string>("dc", "a")], query.Tags);
    }
}

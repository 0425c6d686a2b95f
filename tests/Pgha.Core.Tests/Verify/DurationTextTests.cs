using Pgha.Core.Verify;

namespace Pgha.Core.Tests.Verify;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("20ms", 20)]
    [InlineData("60s", 60_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("30", 30_000)]
    public void Durations_take_ms_s_m_h_or_bare_seconds(string text, int ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), DurationText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("-5s")]
    [InlineData("5 days")]
    public void Anything_else_is_not_a_duration(string text) => Assert.Null(DurationText.Parse(text));
}

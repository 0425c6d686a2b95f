using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class TimelineSwitchTests
{
    [Theory]
    [InlineData("1\t0/3000148\tno recovery target specified\n", 1, 0x3000148L, "no recovery target specified")]
    [InlineData("1\t0/3000148\tno recovery target specified\n\n2\t0/5000A0\tno recovery target specified\n", 2, 0x5000A0L, "no recovery target specified")]
    [InlineData("# comment\n3\t1/2A\tat restore point \"x\"", 3, 0x1_0000_002AL, "at restore point \"x\"")]
    [InlineData("4\t0/10", 4, 0x10L, "")]
    public void The_last_line_names_the_timeline_left_and_the_switch_point(string text, int timeline, long lsn, string reason)
    {
        Assert.Equal(new TimelineSwitch(timeline, lsn, reason), TimelineSwitch.LastIn(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("x\t0/10\treason")]
    [InlineData("0\t0/10\treason")]
    [InlineData("2\tnot-an-lsn\treason")]
    [InlineData("2")]
    public void A_file_without_a_readable_last_switch_gives_none(string text)
    {
        Assert.Null(TimelineSwitch.LastIn(text));
    }

    [Theory]
    [InlineData(2, "00000002.history")]
    [InlineData(26, "0000001A.history")]
    public void The_file_name_is_the_timeline_in_eight_hex_digits(int timeline, string name)
    {
        Assert.Equal(name, TimelineSwitch.FileName(timeline));
    }
}

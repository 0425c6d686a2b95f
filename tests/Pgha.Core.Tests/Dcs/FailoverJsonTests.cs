using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class FailoverJsonTests
{
    [Fact]
    public void Serialize_stores_the_candidate_as_member()
    {
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        Assert.Equal("""{"leader":"n1","member":"n2","scheduled_at":"2026-01-02T03:04:05+00:00"}""",
            FailoverJson.Serialize(new FailoverKey("n1", "n2", at)));
    }

    [Fact]
    public void Serialize_of_no_request_is_an_empty_object() => Assert.Equal("{}", FailoverJson.Serialize(null));

    [Fact]
    public void Parse_reads_back_what_serialize_wrote()
    {
        var key = new FailoverKey("n1", "n2", new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)));
        Assert.Equal(key, FailoverJson.Parse(FailoverJson.Serialize(key)));
    }

    [Theory]
    [InlineData("n1:n2", "n1", "n2")]
    [InlineData("n1", "n1", null)]
    [InlineData(":n2", null, "n2")]
    public void Parse_accepts_the_legacy_leader_colon_candidate_form(string value, string? leader, string? candidate) =>
        Assert.Equal(new FailoverKey(leader, candidate, null), FailoverJson.Parse(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("[]")]
    [InlineData("{\"leader\": 3}")]
    public void Parse_of_an_empty_or_malformed_value_gives_no_request(string? value) => Assert.Null(FailoverJson.Parse(value));

    [Fact]
    public void Parse_ignores_an_unreadable_schedule()
    {
        Assert.Equal(new FailoverKey(null, "n2", null), FailoverJson.Parse("""{"member":"n2","scheduled_at":"soon"}"""));
    }
}

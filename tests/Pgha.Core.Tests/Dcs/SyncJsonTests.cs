using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class SyncJsonTests
{
    [Fact]
    public void Serialize_sorts_and_joins_the_standbys() =>
        Assert.Equal("""{"leader":"n1","sync_standby":"a,b"}""", SyncJson.Serialize("n1", ["b", "a"]));

    [Fact]
    public void Serialize_writes_null_without_standbys() =>
        Assert.Equal("""{"leader":"n1","sync_standby":null}""", SyncJson.Serialize("n1", []));

    [Fact]
    public void Parse_splits_the_standbys_and_keeps_the_revision()
    {
        SyncKey? sync = SyncJson.Parse("""{"leader":"n1","sync_standby":"a, b"}""", 42);
        Assert.NotNull(sync);
        Assert.Equal("n1", sync.Leader);
        Assert.Equal(["a", "b"], sync.SyncStandbys);
        Assert.Equal(42, sync.ModRevision);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("{}")]
    public void Parse_of_an_empty_or_malformed_value_gives_no_sync_state(string value) => Assert.Null(SyncJson.Parse(value, 1));
}

using Pgha.Core.Dcs;

namespace Pgha.Core.Tests.Dcs;

public sealed class DcsKeysTests
{
    [Theory]
    [InlineData("/service/", "batman", "/service/batman/")]
    [InlineData("/service", "batman", "/service/batman/")]
    [InlineData("service", "batman", "/service/batman/")]
    [InlineData("//db//", "x", "/db/x/")]
    public void Prefix_joins_namespace_and_scope_with_single_slashes(string ns, string scope, string expected) =>
        Assert.Equal(expected, DcsKeys.Prefix(ns, scope));

    [Theory]
    [InlineData("members/n1", "n1")]
    [InlineData("members/", null)]
    [InlineData("members/n1/extra", null)]
    [InlineData("leader", null)]
    public void MemberName_accepts_only_direct_children_of_members(string key, string? expected) =>
        Assert.Equal(expected, DcsKeys.MemberName(key));

    [Fact]
    public void Member_key_is_under_members() => Assert.Equal("members/n2", DcsKeys.Member("n2"));
}

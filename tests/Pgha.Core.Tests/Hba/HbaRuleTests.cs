using Pgha.Core.Hba;

namespace Pgha.Core.Tests.Hba;

public sealed class HbaRuleTests
{
    [Theory]
    [InlineData("host all all 10.0.0.0/8 scram-sha-256", "host all all 10.0.0.0/8 scram-sha-256")]
    [InlineData("  host   replication  replicator 127.0.0.1/32   md5 ", "host replication replicator 127.0.0.1/32 md5")]
    [InlineData("local all postgres peer", "local all postgres peer")]
    [InlineData("hostssl app,reports alice fd00::/8 cert clientcert=verify-full", "hostssl app,reports alice fd00::/8 cert clientcert=verify-full")]
    [InlineData("host all all 192.168.1.0 255.255.255.0 scram-sha-256", "host all all 192.168.1.0 255.255.255.0 scram-sha-256")]
    [InlineData("host all all samenet trust", "host all all samenet trust")]
    [InlineData("host all all db1.example.com scram-sha-256", "host all all db1.example.com scram-sha-256")]
    public void Valid_rules_parse_to_their_normalized_text(string line, string text)
    {
        (HbaRule? rule, string? error) = HbaRule.Parse(line);
        Assert.Null(error);
        Assert.Equal(text, rule!.Text);
    }

    [Theory]
    [InlineData("hots all all 10.0.0.0/8 md5", "type \"hots\" is unknown")]
    [InlineData("host all all 10.0.0.0/33 md5", "is not a valid CIDR")]
    [InlineData("host all all 10.0.0.300/8 md5", "is not a valid CIDR")]
    [InlineData("host all all 10.0.0.1 md5", "has no prefix length")]
    [InlineData("host all all 10.0.0.0/8 secret", "method \"secret\" is unknown")]
    [InlineData("host all all", "is not a pg_hba rule")]
    [InlineData("host all all 10.0.0.0/8", "needs an address and a method")]
    [InlineData("local all all", "is not a pg_hba rule")]
    [InlineData("host all all 10.0.0.0/8 md5 clientcert", "is not name=value")]
    [InlineData("# host all all 10.0.0.0/8 md5", "is not a pg_hba rule")]
    [InlineData("host all all 10.0.0.0/8 md5 @@", "is not name=value")]
    [InlineData("host all all bad_host! md5", "is neither a CIDR")]
    public void Invalid_rules_are_refused_with_the_reason(string line, string reason)
    {
        (HbaRule? rule, string? error) = HbaRule.Parse(line);
        Assert.Null(rule);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}

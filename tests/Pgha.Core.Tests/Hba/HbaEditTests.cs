using Pgha.Core.Hba;

namespace Pgha.Core.Tests.Hba;

public sealed class HbaEditTests
{
    private static readonly string[] s_existing = ["local all all scram-sha-256", "host all all 127.0.0.1/32 scram-sha-256", "host replication replicator 10.0.0.0/8 scram-sha-256"];

    [Fact]
    public void Adding_appends_and_keeps_every_earlier_rule_in_order()
    {
        (IReadOnlyList<string>? lines, string? error) = HbaEdit.Add(s_existing, "host  app  alice 10.1.0.0/16 scram-sha-256", null);
        Assert.Null(error);
        Assert.Equal([.. s_existing, "host app alice 10.1.0.0/16 scram-sha-256"], lines);
    }

    [Fact]
    public void Adding_at_a_position_inserts_there_and_keeps_the_rest_in_order()
    {
        (IReadOnlyList<string>? lines, _) = HbaEdit.Add(s_existing, "host all bob 10.2.0.0/16 reject", 2);
        Assert.Equal([s_existing[0], "host all bob 10.2.0.0/16 reject", s_existing[1], s_existing[2]], lines);
    }

    [Theory]
    [InlineData("host all all 127.0.0.1/32 scram-sha-256", "is already rule 2")]
    [InlineData("host   all all 127.0.0.1/32 scram-sha-256", "is already rule 2")]
    [InlineData("host all all 127.0.0.1/32 trust", "matches the same connections as rule 2")]
    [InlineData("host all all 127.0.0.1 trust", "has no prefix length")]
    public void Duplicates_and_invalid_rules_are_refused(string line, string reason)
    {
        (IReadOnlyList<string>? lines, string? error) = HbaEdit.Add(s_existing, line, null);
        Assert.Null(lines);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_position_outside_the_list_is_refused()
    {
        Assert.Contains("outside 1..4", HbaEdit.Add(s_existing, "host all bob 10.2.0.0/16 reject", 9).Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", 1)]
    [InlineData("host   all all 127.0.0.1/32 scram-sha-256", 1)]
    [InlineData("1", 0)]
    public void Removing_takes_exactly_one_rule_by_number_or_text(string which, int removedIndex)
    {
        (IReadOnlyList<string>? lines, string? error) = HbaEdit.Remove(s_existing, which);
        Assert.Null(error);
        Assert.Equal(s_existing.Where((_, i) => i != removedIndex), lines);
    }

    [Theory]
    [InlineData("7", "rule 7 does not exist")]
    [InlineData("host all all 1.2.3.4/32 md5", "is not in the pg_hba list")]
    public void Removing_an_unknown_rule_is_refused(string which, string reason)
    {
        Assert.Contains(reason, HbaEdit.Remove(s_existing, which).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_of_a_file_drop_comments_and_blank_lines_only()
    {
        Assert.Equal(["local all all peer", "host all all 10.0.0.0/8 md5"], HbaEdit.RulesOf("# header\n\nlocal all all peer\n  host all all 10.0.0.0/8 md5  \n# end\n"));
    }
}

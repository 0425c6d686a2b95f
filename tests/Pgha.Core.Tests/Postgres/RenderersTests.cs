using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class RenderersTests
{
    [Fact]
    public void Primary_conninfo_names_the_member_and_keeps_the_password_in_the_passfile()
    {
        string conninfo = PrimaryConnInfo.Build("127.0.62.1", 5432, "repl user", "/srv/pg pass", "n2");

        Assert.Equal(
            @"user='repl user' passfile='/srv/pg pass' host=127.0.62.1 port=5432 sslmode=prefer application_name=n2 gssencmode=prefer channel_binding=prefer",
            conninfo);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "''")]
    [InlineData(@"it's\here", @"'it\'s\\here'")]
    public void Conninfo_values_are_quoted_only_when_needed(string value, string expected)
    {
        Assert.Equal(expected, ConnInfo.Quote(value));
    }

    [Theory]
    [InlineData("n1", "n1")]
    [InlineData("Node-1.dc", "node_1_dc")]
    [InlineData("a b", "au0032b")]
    [InlineData("é", "u0233")]
    public void Slot_names_follow_patroni_rules(string member, string slot)
    {
        Assert.Equal(slot, SlotName.ForMember(member));
    }

    [Fact]
    public void Slot_names_are_cut_at_63_characters()
    {
        Assert.Equal(63, SlotName.ForMember(new string('a', 80)).Length);
    }

    [Fact]
    public void Pgpass_escapes_colons_and_backslashes()
    {
        string text = PgpassFile.Render([new PgpassEntry("::1", 5432, "*", "rep", @"a:b\c")]);

        Assert.Equal("\\:\\:1:5432:*:rep:a\\:b\\\\c\n", text);
    }

    [Fact]
    public void Pgpass_entry_hides_its_password()
    {
        Assert.DoesNotContain("secret", new PgpassEntry("h", 1, "*", "u", "secret").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Agent_access_is_added_first_for_the_socket_and_last_for_replication()
    {
        IReadOnlyList<string> lines = PgHbaFile.WithAgentAccess(["# comment", "host all all 10.0.0.0/8 scram-sha-256"], "postgres", "replicator");

        Assert.Equal(
            [
                "local all postgres scram-sha-256", "local replication postgres scram-sha-256",
                "host all all 10.0.0.0/8 scram-sha-256", "host replication replicator all scram-sha-256",
            ],
            lines);
    }

    [Fact]
    public void Agent_socket_replication_line_comes_before_the_users_own_local_replication_rule()
    {
        IReadOnlyList<string> lines = PgHbaFile.WithAgentAccess(["local replication all peer"], "postgres", "replicator");

        Assert.Equal("local replication postgres scram-sha-256", lines[1]);
        Assert.Equal("local replication all peer", lines[2]);
    }

    [Fact]
    public void Agent_access_is_not_repeated_when_already_present()
    {
        IReadOnlyList<string> lines = PgHbaFile.WithAgentAccess(
            ["local   all  postgres   scram-sha-256", "local replication postgres  scram-sha-256"], "postgres", "postgres");

        Assert.Equal(3, lines.Count);
    }

    [Fact]
    public void Postgresql_conf_includes_the_base_file_and_quotes_values()
    {
        string text = PostgresqlConfFile.Render(
            new Dictionary<string, string> { ["port"] = "5432", ["archive_command"] = @"cp %p 'x\y'" },
            new Dictionary<string, string> { ["recovery_target_timeline"] = "latest" });

        Assert.True(PostgresqlConfFile.IsGenerated(text));
        Assert.Contains("include 'postgresql.base.conf'\n", text, StringComparison.Ordinal);
        Assert.Contains(@"archive_command = 'cp %p ''x\\y'''" + "\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("archive_command", StringComparison.Ordinal) < text.IndexOf("port", StringComparison.Ordinal));
        Assert.Contains("# recovery.conf\nrecovery_target_timeline = 'latest'\n", text, StringComparison.Ordinal);
    }
}

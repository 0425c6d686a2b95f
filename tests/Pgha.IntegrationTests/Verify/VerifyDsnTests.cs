using Npgsql;
using Pgha.Verify;

namespace Pgha.IntegrationTests.Verify;

/// <summary>
/// The verify writers' strings ask for GSS encryption only when the DSN does: Npgsql's default attempt can hold a
/// login for seconds, which the writers would report as outage.
/// </summary>
public sealed class VerifyDsnTests
{
    [Theory]
    [InlineData("Host=127.0.0.1,127.0.0.2;Username=app", "Disable")]
    [InlineData("host=127.0.0.1,127.0.0.2 user=app", "Disable")]
    [InlineData("Host=127.0.0.1;Username=gss;Password=gssapi", "Disable")]
    [InlineData("Host=127.0.0.1;GSS Encryption Mode=Require", "Require")]
    [InlineData("host=127.0.0.1 gssencmode=prefer", "Prefer")]
    public void WritersAskForGssOnlyWhenTheDsnDoes(string dsn, string expected)
    {
        VerifyDsn parsed = VerifyDsn.Parse(dsn, passfile: null);

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(parsed.Writer()).GssEncryptionMode.ToString());
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(parsed.Member("127.0.0.1", 5432)).GssEncryptionMode.ToString());
    }
}

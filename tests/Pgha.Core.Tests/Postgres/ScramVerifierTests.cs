using Pgha.Core.Postgres;

namespace Pgha.Core.Tests.Postgres;

public sealed class ScramVerifierTests
{
    [Fact]
    public void Verifier_has_the_shape_postgres_stores()
    {
        string verifier = ScramVerifier.Compute("secret", new byte[16]);

        Assert.Matches(@"^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$", verifier);
    }

    [Fact]
    public void Different_salts_give_different_verifiers()
    {
        Assert.NotEqual(ScramVerifier.Compute("secret", new byte[16]), ScramVerifier.Compute("secret", Enumerable.Repeat((byte)1, 16).ToArray()));
    }

    [Theory]
    [InlineData("plain-ASCII 123", true)]
    [InlineData("pässword", false)]
    public void Only_printable_ascii_passwords_are_hashed_locally(string password, bool supported)
    {
        Assert.Equal(supported, ScramVerifier.Supports(password));
    }
}

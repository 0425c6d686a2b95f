using Npgsql;

namespace Pgha.Postgres;

/// <summary>
/// How pgha's own connections log in: with a password only. Npgsql 10 asks for GSS encryption first unless told not
/// to, and that request goes through the Kerberos library, which may look the server up in DNS: a lost DNS answer
/// then holds the open for the resolver's 5 s timeout, past the connection's own Timeout (npgsql issues 6524 and
/// 6655; seen here as a 5 s stall of one connection attempt in a switchover). pgha's logins are scram-sha-256, never
/// Kerberos, so the request is never made.
/// </summary>
public static class NpgsqlLogin
{
    public static NpgsqlConnectionStringBuilder WithoutGss(this NpgsqlConnectionStringBuilder builder)
    {
        builder.GssEncryptionMode = GssEncryptionMode.Disable;
        return builder;
    }
}

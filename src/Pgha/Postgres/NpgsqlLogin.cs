using Npgsql;

namespace Pgha.Postgres;

/// <summary>
/// How pgha's own connections log in: with a password only (scram-sha-256, never Kerberos), so without Npgsql's GSS
/// encryption attempt, which can hold a login for seconds (<see cref="Pgha.Core.Cluster.NpgsqlGss"/> says why).
/// </summary>
public static class NpgsqlLogin
{
    public static NpgsqlConnectionStringBuilder WithoutGss(this NpgsqlConnectionStringBuilder builder)
    {
        builder.GssEncryptionMode = GssEncryptionMode.Disable;
        return builder;
    }
}

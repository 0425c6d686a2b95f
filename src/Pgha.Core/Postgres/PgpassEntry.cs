namespace Pgha.Core.Postgres;

/// <summary>One pgpass line; <see cref="ToString"/> hides the password.</summary>
public sealed record PgpassEntry(string Host, int Port, string Database, string User, string Password)
{
    public override string ToString() => $"PgpassEntry {{ {Host}:{Port}:{Database}:{User}:*** }}";
}

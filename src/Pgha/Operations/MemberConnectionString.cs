using Npgsql;
using Pgha.Core.Cluster;
using Pgha.Postgres;

namespace Pgha.Operations;

/// <summary>An operating command's connection to one member's PostgreSQL, at the address the member publishes.</summary>
public static class MemberConnectionString
{
    public static string For(Member member, string user, string? password)
    {
        (string host, int port) = member.PostgresEndpoint;
        return new NpgsqlConnectionStringBuilder
        {
            Host = host,
            Port = port,
            Username = user,
            Password = password,
            Database = "postgres",
            Pooling = false,
            Timeout = 5,
            CommandTimeout = 10,
            ApplicationName = "pgha ctl",
        }.WithoutGss().ConnectionString;
    }
}

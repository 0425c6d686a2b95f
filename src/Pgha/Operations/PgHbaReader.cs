using Npgsql;
using Pgha.Cli;
using Pgha.Core.Cluster;
using Pgha.Core.Hba;

namespace Pgha.Operations;

/// <summary>Reads the rules a member's PostgreSQL has loaded from its pg_hba.conf (superuser: pg_read_file).</summary>
public static class PgHbaReader
{
    public static async Task<IReadOnlyList<string>> ReadAsync(Member member, string user, string? password, CancellationToken ct)
    {
        (string host, int port) = member.PostgresEndpoint;
        try
        {
            await using var connection = new NpgsqlConnection(MemberConnectionString.For(member, user, password));
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_read_file(current_setting('hba_file'))", connection);
            return HbaEdit.RulesOf((string)(await command.ExecuteScalarAsync(ct))!);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new PghaException($"pg_hba.conf on {member.Name} ({host}:{port}): {e.Message}; the leader must answer so that no existing rule is lost", ExitCodes.Unavailable);
        }
    }
}

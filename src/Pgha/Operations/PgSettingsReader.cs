using Npgsql;
using Pgha.Cli;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;

namespace Pgha.Operations;

/// <summary>Reads <c>pg_settings</c> from a member's PostgreSQL: the authority on which parameters and values exist.</summary>
public static class PgSettingsReader
{
    private const string Query = "SELECT name, vartype, unit, min_val, max_val, enumvals, context FROM pg_settings";

    /// <exception cref="PghaException">The member cannot be reached or queried; the message says which and why.</exception>
    public static async Task<IReadOnlyDictionary<string, PgSetting>> ReadAsync(Member member, string user, string? password, CancellationToken ct)
    {
        (string host, int port) = member.PostgresEndpoint;
        try
        {
            await using var connection = new NpgsqlConnection(MemberConnectionString.For(member, user, password));
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(Query, connection);
            await using NpgsqlDataReader row = await command.ExecuteReaderAsync(ct);
            var settings = new Dictionary<string, PgSetting>(StringComparer.Ordinal);
            while (await row.ReadAsync(ct))
            {
                settings[row.GetString(0)] = new PgSetting(row.GetString(0), row.GetString(1), row.IsDBNull(2) ? null : row.GetString(2),
                    Number(row, 3), Number(row, 4), row.IsDBNull(5) ? [] : row.GetFieldValue<string[]>(5), row.GetString(6));
            }
            return settings;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            throw new PghaException($"pg_settings on {member.Name} ({host}:{port}): {e.Message}; the leader's PostgreSQL must answer to validate parameters", ExitCodes.Unavailable);
        }
    }

    private static double? Number(NpgsqlDataReader row, int i) =>
        row.IsDBNull(i) || !double.TryParse(row.GetString(i), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double n) ? null : n;
}

using System.Security.Cryptography;
using Npgsql;
using Pgha.Core.Config;
using Pgha.Core.Postgres;

namespace Pgha.Postgres;

/// <summary>Creates or updates the replication and rewind roles on a fresh primary.</summary>
internal static class RoleSetup
{
    /// <summary>The functions pg_rewind calls on its source, granted so the rewind user need not be a superuser.</summary>
    private static readonly string[] s_rewindFunctions =
    [
        "pg_catalog.pg_ls_dir(text, boolean, boolean)",
        "pg_catalog.pg_stat_file(text, boolean)",
        "pg_catalog.pg_read_binary_file(text)",
        "pg_catalog.pg_read_binary_file(text, bigint, bigint, boolean)",
    ];

    public static async Task ApplyAsync(NpgsqlConnection connection, PostgresqlConfig config, CancellationToken ct)
    {
        var roles = new List<(Credentials Role, string Options)>();
        if (config.Replication.Username != config.Superuser.Username)
        {
            roles.Add((config.Replication, "LOGIN REPLICATION"));
        }
        Credentials? rewind = config.Rewind is { } r && r.Username != config.Superuser.Username ? r : null;
        if (rewind is not null)
        {
            roles.Add((rewind, "LOGIN"));
        }
        // One transaction: the roles and grants appear together, and their WAL is flushed to disk once at the commit.
        // Sent as two batches and the commit, three round trips however many statements (the bootstrap's leader waits
        // for this before the replicas may clone; each round trip to a server just started on a busy machine counts).
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(ct);
        HashSet<string> existing = await QuietlyFindExistingAsync(connection, transaction, roles.ConvertAll(x => x.Role.Username), ct);
        await using var changes = new NpgsqlBatch(connection, transaction);
        foreach ((Credentials role, string options) in roles)
        {
            string verb = existing.Contains(role.Username) ? "ALTER" : "CREATE";
            string password = role.Password is null ? "" : $" PASSWORD {Literal(Secret(role.Password))}";
            changes.BatchCommands.Add(new NpgsqlBatchCommand($"{verb} ROLE {Identifier(role.Username)} WITH {options}{password}"));
        }
        if (rewind is not null)
        {
            foreach (string function in s_rewindFunctions)
            {
                changes.BatchCommands.Add(new NpgsqlBatchCommand($"GRANT EXECUTE ON FUNCTION {function} TO {Identifier(rewind.Username)}"));
            }
        }
        if (changes.BatchCommands.Count > 0)
        {
            await changes.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Keeps the role statements (they carry secrets) out of the server log whatever log_statement says, and returns
    /// which of <paramref name="names"/> exist already; one round trip. The settings hold for the session once committed.
    /// </summary>
    private static async Task<HashSet<string>> QuietlyFindExistingAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<string> names, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                // First, so the reader starts on its rows; the settings are in place before the next batch is sent.
                new NpgsqlBatchCommand("SELECT rolname FROM pg_roles WHERE rolname = ANY($1)") { Parameters = { new() { Value = names.ToArray() } } },
                new NpgsqlBatchCommand("SET log_statement = 'none'"),
                new NpgsqlBatchCommand("SET log_min_duration_statement = -1"),
                new NpgsqlBatchCommand("SET log_min_error_statement = 'panic'"),
            },
        };
        await using NpgsqlDataReader reader = await batch.ExecuteReaderAsync(ct);
        var existing = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            existing.Add(reader.GetString(0));
        }
        return existing;
    }

    /// <summary>The SCRAM secret when we can compute it exactly as the server would; the password itself otherwise.</summary>
    private static string Secret(string password) =>
        ScramVerifier.Supports(password) ? ScramVerifier.Compute(password, RandomNumberGenerator.GetBytes(16)) : password;

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal in the E'' form, so the result does not depend on standard_conforming_strings.</summary>
    private static string Literal(string value) =>
        "E'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}

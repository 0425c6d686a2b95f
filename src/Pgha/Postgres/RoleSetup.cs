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
        // Role statements carry secrets: keep them out of the server log whatever log_statement says.
        await ExecuteAsync(connection, "SET log_statement = 'none'; SET log_min_duration_statement = -1; SET log_min_error_statement = 'panic'", ct);
        // One transaction: the roles and grants appear together, and their WAL is flushed to disk once at the commit
        // instead of once per statement (the bootstrap's leader waits for this before the replicas may clone).
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(ct);
        if (config.Replication.Username != config.Superuser.Username)
        {
            await CreateOrAlterAsync(connection, config.Replication, "LOGIN REPLICATION", ct);
        }
        if (config.Rewind is { } rewind && rewind.Username != config.Superuser.Username)
        {
            await CreateOrAlterAsync(connection, rewind, "LOGIN", ct);
            foreach (string function in s_rewindFunctions)
            {
                await ExecuteAsync(connection, $"GRANT EXECUTE ON FUNCTION {function} TO {Identifier(rewind.Username)}", ct);
            }
        }
        await transaction.CommitAsync(ct);
    }

    private static async Task CreateOrAlterAsync(NpgsqlConnection connection, Credentials role, string options, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_roles WHERE rolname = $1", connection) { Parameters = { new() { Value = role.Username } } };
        bool found = (long)(await exists.ExecuteScalarAsync(ct))! > 0;
        string verb = found ? "ALTER" : "CREATE";
        string password = role.Password is null ? "" : $" PASSWORD {Literal(Secret(role.Password))}";
        await ExecuteAsync(connection, $"{verb} ROLE {Identifier(role.Username)} WITH {options}{password}", ct);
    }

    /// <summary>The SCRAM secret when we can compute it exactly as the server would; the password itself otherwise.</summary>
    private static string Secret(string password) =>
        ScramVerifier.Supports(password) ? ScramVerifier.Compute(password, RandomNumberGenerator.GetBytes(16)) : password;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A string literal in the E'' form, so the result does not depend on standard_conforming_strings.</summary>
    private static string Literal(string value) =>
        "E'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}

using System.Text.RegularExpressions;
using Npgsql;
using Pgha.Postgres;

namespace Pgha.Verify;

/// <summary>
/// The table the writers fill: <c>(run_id bigint, value bigint, writer int, server text, timeline int, primary key
/// (run_id, value))</c>. Every run has its own run id, so earlier runs' rows never collide and nothing is dropped.
/// </summary>
public sealed partial class VerifyTable
{
    // Which server and timeline took the write; the timeline from the WAL file name (TimelineSql.Current).
    private const string ServerSql = "host(inet_server_addr()) || ':' || current_setting('port')";

    public VerifyTable(string name, long runId)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new PghaException($"--table {name}: not a plain table name; use letters, digits and _ (e.g. pgha_verify)", Cli.ExitCodes.Usage);
        }
        Name = name;
        RunId = runId;
    }

    public string Name { get; }
    public long RunId { get; }

    public async Task CreateAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var create = new NpgsqlCommand(
            $"create table if not exists {Name} (run_id bigint not null, value bigint not null, writer int not null, server text, timeline int, primary key (run_id, value))", connection);
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Inserts one value and returns the server and timeline that took it.</summary>
    public async Task<(string Server, int Timeline)> InsertAsync(NpgsqlConnection connection, long value, int writer, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand(
            $"insert into {Name} (run_id, value, writer, server, timeline) values ($1, $2, $3, {ServerSql}, {TimelineSql.Current}) returning server, timeline", connection);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = RunId });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = value });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = writer });
        await using NpgsqlDataReader reader = await insert.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetString(0), reader.GetInt32(1));
    }

    /// <summary>This run's values on one member, and whether that member is a writable primary and its own name.</summary>
    public async Task<(string Server, bool Primary, HashSet<long> Values)> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        string server;
        bool primary;
        await using (var who = new NpgsqlCommand($"select coalesce({ServerSql}, 'local'), not pg_is_in_recovery(), to_regclass('{Name}') is not null", connection))
        await using (NpgsqlDataReader r = await who.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            (server, primary) = (r.GetString(0), r.GetBoolean(1));
            if (!r.GetBoolean(2))
            {
                return (server, primary, []);
            }
        }
        var values = new HashSet<long>();
        await using var read = new NpgsqlCommand($"select value from {Name} where run_id = $1", connection) { CommandTimeout = 60 };
        read.Parameters.Add(new NpgsqlParameter<long> { TypedValue = RunId });
        await using NpgsqlDataReader rows = await read.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            values.Add(rows.GetInt64(0));
        }
        return (server, primary, values);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}

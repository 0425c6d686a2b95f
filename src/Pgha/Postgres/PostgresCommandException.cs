namespace Pgha.Postgres;

/// <summary>A PostgreSQL program (initdb, pg_ctl, pg_basebackup, pg_rewind, ...) failed; the message is one line with the fix hint.</summary>
public sealed class PostgresCommandException(string message) : PghaException(message);

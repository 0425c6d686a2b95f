namespace Pgha.Core.Config;

/// <summary><c>postgresql:</c> the local instance.</summary>
public sealed record PostgresqlConfig
{
    /// <summary><c>ip[,ip]:port</c>, e.g. <c>127.0.50.10:5432</c>.</summary>
    public required string Listen { get; init; }
    /// <summary><c>host:port</c> advertised in the member key.</summary>
    public required string ConnectAddress { get; init; }
    public required string DataDir { get; init; }
    /// <summary>Directory with initdb, pg_ctl, postgres; null means "find it with pg_config or Debian's layout".</summary>
    public string? BinDir { get; init; }
    /// <summary>Where postgresql.conf and pg_hba.conf live; null means the data directory.</summary>
    public string? ConfigDir { get; init; }
    /// <summary>Where the agent writes the pgpass file it hands to libpq tools; default <c>~/pgpass</c>.</summary>
    public string? Pgpass { get; init; }
    public string Database { get; init; } = "postgres";
    public required Credentials Superuser { get; init; }
    public required Credentials Replication { get; init; }
    /// <summary>The pg_rewind user; falls back to the superuser.</summary>
    public Credentials? Rewind { get; init; }
    /// <summary>GUCs as raw text, exactly as PostgreSQL needs them.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary><c>postgresql.pg_hba</c>; when set it replaces pg_hba.conf entirely.</summary>
    public IReadOnlyList<string>? PgHba { get; init; }
    public IReadOnlyList<string> CreateReplicaMethods { get; init; } = ["basebackup"];
    /// <summary><c>postgresql.basebackup</c> options as <c>--name=value</c> or <c>--flag</c> arguments.</summary>
    public IReadOnlyList<string> BasebackupArguments { get; init; } = [];
    /// <summary>Local override of <c>use_pg_rewind</c> (null: take the DCS value).</summary>
    public bool? UsePgRewind { get; init; }
    public bool RemoveDataDirectoryOnRewindFailure { get; init; }
    public bool RemoveDataDirectoryOnDivergedTimelines { get; init; }
    public TimeSpan PgCtlTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

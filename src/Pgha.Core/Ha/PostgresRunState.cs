namespace Pgha.Core.Ha;

/// <summary>What the local probe found PostgreSQL doing.</summary>
public enum PostgresRunState
{
    /// <summary>data_dir missing or empty: nothing to start.</summary>
    NoDataDirectory,
    /// <summary>A data directory exists but no postmaster runs.</summary>
    Stopped,
    /// <summary>The postmaster runs but does not accept connections yet.</summary>
    Starting,
    /// <summary>The postmaster runs and answers queries.</summary>
    Running,
    /// <summary>The postmaster process lives but queries time out (hung, SIGSTOPped, disk stuck).</summary>
    NotResponding,
}

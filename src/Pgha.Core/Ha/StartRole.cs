namespace Pgha.Core.Ha;

/// <summary>The role PostgreSQL is started in.</summary>
public enum StartRole
{
    /// <summary>Without standby.signal: a read-write primary (only ever with the leader key held).</summary>
    Primary,
    /// <summary>With standby.signal, following <c>StartPostgres.Leader</c> or nobody when it is null.</summary>
    Replica,
}

namespace Pgha.Core.Ha;

/// <summary>How a primary steps down (Patroni's modes, see patroni-compat §2.8).</summary>
public enum DemoteMode
{
    /// <summary>Switchover: fast stop with checkpoint, release the key once a replica has our WAL, then follow.</summary>
    Graceful,
    /// <summary>Immediate stop, release the key, start again as a replica.</summary>
    Immediate,
    /// <summary>Immediate stop, keep hands off the key (someone else holds it or we cannot reach etcd).</summary>
    ImmediateNoLock,
    /// <summary>etcd unreachable: fast stop, start read-only without an upstream.</summary>
    Offline,
}

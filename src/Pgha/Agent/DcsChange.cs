namespace Pgha.Agent;

/// <summary>
/// One change seen by the etcd watch: the key relative to the cluster prefix, its new value (null when deleted), its
/// revision, and the lease it is bound to (0: none, or deleted).
/// </summary>
public sealed record DcsChange(string Key, string? Value, long Revision, long Lease = 0);

namespace Pgha.Agent;

/// <summary>One change seen by the etcd watch: the key relative to the cluster prefix, its new value (null when deleted), and its revision.</summary>
public sealed record DcsChange(string Key, string? Value, long Revision);

namespace Pgha.Agent;

/// <summary>One change seen by the etcd watch: the key relative to the cluster prefix, and its revision.</summary>
public sealed record DcsChange(string Key, long Revision);

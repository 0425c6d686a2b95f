namespace Pgha.Core.Dcs;

/// <summary>One etcd key as read: full key, UTF-8 value, the revision it was last changed at, and its lease (0: none).</summary>
public sealed record DcsKeyValue(string Key, string Value, long ModRevision, long Lease);

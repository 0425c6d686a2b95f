namespace Pgha.Etcd;

/// <summary>Our etcd lease expired or was revoked: every key bound to it (leader, member) is already gone.</summary>
public sealed class LeaseLostException(string message, Exception? inner = null) : Exception(message, inner);

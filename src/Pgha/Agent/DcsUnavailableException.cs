namespace Pgha.Agent;

/// <summary>etcd could not be reached (every endpoint failed within retry_timeout).</summary>
public sealed class DcsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

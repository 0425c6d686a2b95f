namespace Pgha.Bench;

/// <summary>One acknowledged insert: when the client got the answer (seconds on the bench clock), its id, the server.</summary>
public sealed record WriteAck(double At, long Id, string Server);

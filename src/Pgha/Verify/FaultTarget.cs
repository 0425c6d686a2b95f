namespace Pgha.Verify;

/// <summary>What the writers last saw: the server (host, port) that acknowledged the latest write, and the fault's number.</summary>
public sealed record FaultTarget(int Index, string? PrimaryHost, int? PrimaryPort);

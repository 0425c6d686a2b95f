namespace Pgha.Core.Verify;

/// <summary>A change of primary seen by the writers: the first acknowledgement from a new term.</summary>
public sealed record Failover(PrimaryTerm From, PrimaryTerm To, DateTimeOffset FirstAckAt);

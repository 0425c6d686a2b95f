namespace Pgha.FaultTests;

/// <summary>One acknowledged write: its value, when it was sent and acknowledged (client clock), and which server took it.</summary>
public sealed record WriteAck(long Value, long StartedNs, long AckedNs, string Server);

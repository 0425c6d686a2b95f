namespace Pgha.Core.Ha;

/// <summary>What another member's REST API (<c>GET /patroni</c>) answered this cycle.</summary>
/// <param name="Reachable">False when it did not answer within the probe timeout.</param>
/// <param name="InRecovery">False when the peer runs as a primary.</param>
/// <param name="WalPosition">Primary: its location; replica: max(received, replayed).</param>
/// <param name="NoFailover">It may not lead: tagged nofailover, or it reports that it cannot write its WAL.</param>
public sealed record PeerReport(string Name, bool Reachable, bool InRecovery, long WalPosition, bool NoFailover, int Timeline)
{
    public static PeerReport Unreachable(string name) => new(name, false, true, 0, false, 0);
}

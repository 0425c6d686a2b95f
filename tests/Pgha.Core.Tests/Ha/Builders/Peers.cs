using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>REST probe answers of other members during a leader race.</summary>
public static class Peers
{
    public static PeerReport Replica(string name, long lsn, bool noFailover = false, int timeline = 1) =>
        new(name, Reachable: true, InRecovery: true, lsn, noFailover, timeline);

    public static PeerReport Primary(string name, long lsn, int timeline = 1) =>
        new(name, Reachable: true, InRecovery: false, lsn, NoFailover: false, timeline);

    public static PeerReport Unreachable(string name) => PeerReport.Unreachable(name);
}

using System.Globalization;

namespace Pgha.Core.Ha;

/// <summary>
/// What the agent tells its fence about the etcd lease of its leader key, in a file beside the deadline: the lease the
/// fence may revoke once the agent (<paramref name="AgentPid"/>) and every PostgreSQL process of the node are gone, so
/// the replicas need not wait out the ttl of a leader that cannot come back by itself. 0: nothing to release.
/// </summary>
/// <remarks>
/// A file of its own, not a second field in the deadline file: a fence of an older version, still running when a
/// newer agent starts, reads the deadline file as one number and would take anything else as "no deadline: stop".
/// </remarks>
public sealed record FenceLease(long LeaseId, int AgentPid)
{
    /// <summary>
    /// The lease to name: only while this node holds the leader key outside maintenance mode. A replica's lease holds
    /// nothing a replica waits for, and in maintenance mode nothing may fail over anyway.
    /// </summary>
    public static FenceLease For(AgentMemory memory, HaSettings settings, long leaseId, int agentPid) =>
        new(memory.HoldsLeaderKey && !settings.Paused ? leaseId : 0, agentPid);

    public string Format() => string.Create(CultureInfo.InvariantCulture, $"lease={LeaseId} agent={AgentPid}");

    /// <summary>Null for anything but the exact format: a file the fence cannot read releases nothing.</summary>
    public static FenceLease? Parse(string text)
    {
        string[] fields = text.Trim().Split(' ');
        if (fields.Length == 2
            && fields[0].StartsWith("lease=", StringComparison.Ordinal) && fields[1].StartsWith("agent=", StringComparison.Ordinal)
            && long.TryParse(fields[0]["lease=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out long lease)
            && int.TryParse(fields[1]["agent=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0)
        {
            return new FenceLease(lease, pid);
        }
        return null;
    }
}

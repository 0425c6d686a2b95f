using System.Globalization;
using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>Pure answers to "may this node lead?" and "may that member take over?".</summary>
public static class FailoverCandidates
{
    /// <summary>Whether this node is the healthiest member for the free leader key, and if not, why.</summary>
    public static (bool Healthiest, string Why) IsHealthiest(HaInput input)
    {
        HaSettings settings = input.Settings;
        if (input.Postgres.WalWrite == WalWriteCheck.Failed)
        {
            // Its promotion could never finish (the end-of-recovery checkpoint writes WAL): it would hold the key with no
            // writable primary behind it. Not even an operator's request changes that.
            return (false, $"my WAL cannot be written ({input.Postgres.WalWriteError ?? "no detail"})");
        }
        FailoverKey? request = input.Cluster.Failover is { IsEmpty: false } f ? f : null;
        if (request is { Leader.Length: > 0, Candidate.Length: > 0 } && SyncSet(input) is { } switchoverSync && !switchoverSync.Contains(input.Me))
        {
            // A switchover (it names the leader) in synchronous mode goes only to the sync key's members, even if it names me.
            return (false, NotInSyncKey(switchoverSync));
        }
        if (request?.Candidate == input.Me)
        {
            return (true, "");
        }
        if (settings.Tags.NoFailover)
        {
            return (false, "I am tagged nofailover");
        }
        if (request?.Candidate is { Length: > 0 } candidate && input.Peers.Any(p => p.Name == candidate && p.Reachable && !p.NoFailover)
            && (string.IsNullOrEmpty(request.Leader) || SyncSet(input)?.Contains(candidate) != false))
        {
            return (false, $"a manual failover to ({candidate}) was requested");
        }
        if (input.Postgres.IsRunningPrimary)
        {
            return (true, "");
        }
        if (SyncSet(input) is { } sync && !sync.Contains(input.Me))
        {
            return (false, NotInSyncKey(sync));
        }
        long mine = input.Postgres.WalPosition;
        long lag = input.Cluster.LastLsn - mine;
        if (input.Cluster.LastLsn > 0 && lag > settings.MaximumLagOnFailover)
        {
            return (false, string.Create(CultureInfo.InvariantCulture,
                $"my WAL is {lag} bytes behind the last leader position, more than maximum_lag_on_failover {settings.MaximumLagOnFailover}"));
        }
        IReadOnlySet<string>? syncSet = SyncSet(input);
        foreach (PeerReport peer in input.Peers.Where(p => p.Reachable && p.Name != input.Me))
        {
            if (!peer.InRecovery)
            {
                return (false, $"primary ({peer.Name}) is still alive");
            }
            // With a sync key only its standbys compare; the former leader may be ahead with WAL nobody acknowledged.
            bool competes = syncSet is null || (syncSet.Contains(peer.Name) && peer.Name != input.Cluster.Sync?.Leader);
            if (competes && !peer.NoFailover && peer.WalPosition > mine)
            {
                return (false, $"member ({peer.Name}) is ahead of me");
            }
        }
        return (true, "");
    }

    /// <summary>
    /// With synchronous_mode and a sync key that names a leader: that leader and its standbys, the only members that hold
    /// every acknowledged commit (patroni-compat §2.4 rule 8). A key naming no standby means its leader acknowledged
    /// commits that no standby confirmed (a fresh promotion, or non-strict mode without standbys): only that leader may
    /// lead again, or an operator's failover names a candidate. Null when any member may lead.
    /// </summary>
    public static IReadOnlySet<string>? SyncSet(HaInput input) =>
        input.Settings.SynchronousMode && input.Cluster.Sync is { Leader.Length: > 0 } sync
            ? new HashSet<string>([.. sync.SyncStandbys, sync.Leader], StringComparer.Ordinal)
            : null;

    private static string NotInSyncKey(IReadOnlySet<string> sync) =>
        $"synchronous_mode is on and I am not in the sync key ({string.Join(',', sync.Order(StringComparer.Ordinal))})";

    /// <summary>A switchover target: a running replica, not nofailover, within maximum_lag_on_failover.</summary>
    public static bool IsViableTarget(HaInput input, Member member) =>
        !member.Tags.NoFailover
        && (SyncSet(input) is not { } sync || sync.Contains(member.Name))
        && member.Role == MemberRole.Replica
        && member.State is "running" or "streaming"
        && member.XlogLocation is { } position
        && (input.Cluster.LastLsn <= 0 || input.Cluster.LastLsn - position <= input.Settings.MaximumLagOnFailover);
}

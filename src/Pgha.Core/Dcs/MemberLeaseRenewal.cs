namespace Pgha.Core.Dcs;

/// <summary>
/// When an agent that does not hold the leader key keeps its lease (and so its member key) alive. A leader renews on
/// every cycle, since its key refresh is its leadership proof; a replica's member key only has to outlive the gaps.
/// </summary>
/// <remarks>
/// A skip happens only when the next cycle, a loop_wait later, still finds at least half the ttl elapsed at most and
/// half a retry_timeout of the lease left: that cycle's keep-alive then retries across the endpoints while the key
/// still lives. Patroni renews on every cycle; at the tutorial's ttl 30 / loop_wait 10 this renews every second cycle
/// (20 s), so the key lapses only if etcd stays unreachable for the last 10 s of its ttl, where every cycle's renewal
/// would lapse after 20 s. A lapsed member key of a replica costs no safety (the leader key is never on it): its slot
/// and its synchronous standby role are dropped until the next cycle writes it again on a fresh lease.
/// </remarks>
public static class MemberLeaseRenewal
{
    /// <summary>True when this cycle must keep the lease alive (<paramref name="sinceRenewal"/>: since the last keep-alive).</summary>
    public static bool IsDue(TimeSpan sinceRenewal, TimeSpan ttl, TimeSpan loopWait, TimeSpan retryTimeout)
    {
        bool halfGone = sinceRenewal >= ttl / 2;
        bool nextCycleTooLate = sinceRenewal + loopWait > ttl - retryTimeout / 2;
        return halfGone || nextCycleTooLate;
    }
}

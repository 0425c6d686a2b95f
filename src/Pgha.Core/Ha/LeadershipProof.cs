namespace Pgha.Core.Ha;

/// <summary>
/// The latest instant at which this node proved it may run as primary: its last leader-key refresh, or, with
/// failsafe_mode, the start of its last failsafe round that every member accepted. Both hold for ttl: the key cannot
/// expire sooner, and a member that accepted the round does not race for the key within ttl of accepting it (which
/// is later than the round's start, so counting from the start is the safe side).
/// </summary>
public static class LeadershipProof
{
    /// <param name="keyStillOurs">True when <see cref="AgentMemory.LeaderKeyRefreshedAt"/> still speaks for a key we hold.</param>
    public static DateTimeOffset? Latest(AgentMemory memory, HaSettings settings, bool keyStillOurs)
    {
        DateTimeOffset? key = keyStillOurs ? memory.LeaderKeyRefreshedAt : null;
        DateTimeOffset? failsafe = settings.FailsafeMode ? memory.FailsafeConfirmedAt : null;
        return (key, failsafe) switch
        {
            ({ } k, { } f) => k > f ? k : f,
            _ => key ?? failsafe,
        };
    }

    /// <summary>
    /// When the latest proof of a key we hold stops counting (ttl − margin after it): the self-fencing rule demotes
    /// from then on, so no etcd call of the agent may wait past it. Null when there is no such proof.
    /// </summary>
    public static DateTimeOffset? Expires(AgentMemory memory, HaSettings settings) =>
        Latest(memory, settings, memory.HoldsLeaderKey) is { } proof ? proof + settings.Ttl - settings.DemoteMargin : null;
}

namespace Pgha.Core.Ha;

/// <summary>
/// Everything the agent carries from one cycle to the next, explicit and immutable (raft's HardState idea).
/// Passed into <c>HaRules.Decide</c> and returned, possibly changed, in <see cref="HaDecision.NextMemory"/>.
/// </summary>
public sealed record AgentMemory
{
    public static readonly AgentMemory Initial = new();

    /// <summary>
    /// After a demotion that gives up the key: nothing of it, nor any failsafe proof, speaks for this node any more,
    /// and the next start checks for divergence.
    /// </summary>
    public AgentMemory SteppedDown() => this with
    {
        HoldsLeaderKey = false,
        LeaderKeyRefreshedAt = null,
        LockRefreshFailed = false,
        LeaderKeyInDoubt = false,
        NeedsRewindCheck = true,
        FailsafeConfirmedAt = null,
    };

    /// <summary>When this node last refreshed (or took) the leader key successfully.</summary>
    public DateTimeOffset? LeaderKeyRefreshedAt { get; init; }
    /// <summary>True while this node believes it holds the leader key.</summary>
    public bool HoldsLeaderKey { get; init; }
    /// <summary>When etcd was last read successfully.</summary>
    public DateTimeOffset? DcsLastSeen { get; init; }
    /// <summary>Set once the node has run as a primary and demoted, so the next start checks for divergence.</summary>
    public bool NeedsRewindCheck { get; init; }
    /// <summary>Number of consecutive cycles in which a start of PostgreSQL failed.</summary>
    public int FailedStarts { get; init; }
    /// <summary>
    /// The last start failed because PostgreSQL refused the leader's timeline: its WAL or minimum recovery point went past
    /// the fork (<c>Pgha.Core.Postgres.TimelineMismatch</c>). Starting again cannot help; the follower rules rewind or
    /// re-clone. Cleared by a successful start and when the data directory is moved aside.
    /// </summary>
    public bool StartFailedDiverged { get; init; }
    /// <summary>
    /// A rewind was run for <see cref="StartFailedDiverged"/>: if the next start still fails that way (pg_rewind found
    /// nothing to rewind), the data directory is cloned again instead of rewinding forever.
    /// </summary>
    public bool RewoundForDivergedStart { get; init; }
    /// <summary>The leader this replica was last configured to follow.</summary>
    public string? FollowingLeader { get; init; }
    /// <summary>True after this node won the initialize race and started initdb.</summary>
    public bool Bootstrapping { get; init; }
    /// <summary>Whether PostgreSQL was seen running last cycle: a change to stopped means it crashed.</summary>
    public bool PostgresWasRunning { get; init; }
    /// <summary>Number of rewind attempts that failed; at the limit the node re-clones instead.</summary>
    public int FailedRewinds { get; init; }
    /// <summary>
    /// Set by the executor when etcd answered a key refresh and the key is no longer ours (expired, taken, deleted):
    /// the next decision demotes at once.
    /// </summary>
    public bool LockRefreshFailed { get; init; }
    /// <summary>
    /// Set by the executor when a key refresh got no answer within retry_timeout (etcd unreachable, or electing a raft
    /// leader). The key may still be ours: it cannot expire before <see cref="LeaderKeyRefreshedAt"/> + ttl, so the
    /// primary keeps its role while that proof lasts and the self-fencing rule demotes it when the proof runs out.
    /// </summary>
    public bool LeaderKeyInDoubt { get; init; }
    /// <summary>Bootstrap attempts that failed; after three the node stops trying (each leaves a data directory aside).</summary>
    public int FailedBootstraps { get; init; }
    /// <summary>Consecutive cycles in which the running postmaster did not answer queries.</summary>
    public int UnresponsiveCycles { get; init; }
    /// <summary>The live synchronous_standby_names the leader saw last cycle, to notice when a new value took effect.</summary>
    public string? SyncNamesSeen { get; init; }
    /// <summary>
    /// The primary's WAL position in the cycle the current synchronous_standby_names was first seen live. Commits before
    /// it did not wait for a newly named standby, so that standby counts as synchronous only once it flushed past it.
    /// </summary>
    public long SyncNamesSeenAtLsn { get; init; }
    /// <summary>The <c>failsafe</c> key as last read from etcd: whom a primary must reach when etcd is gone.</summary>
    public IReadOnlyDictionary<string, string>? FailsafeMembers { get; init; }
    /// <summary>When a failsafe check last succeeded (the instant it began): proof of leadership while etcd is gone.</summary>
    public DateTimeOffset? FailsafeConfirmedAt { get; init; }
    /// <summary>Consecutive cycles in which the primary's WAL write check timed out.</summary>
    public int SlowWalWrites { get; init; }
    /// <summary>
    /// When this primary stopped for a switchover and released the key. For a ttl from then, while no leader key
    /// exists, it stays stopped instead of starting as a replica without an upstream: that start would only compete
    /// for the CPU with the candidate's promotion, which the clients are waiting for. Once a leader exists the follower
    /// rules wait for it to run as primary anyway; after the ttl (a candidate that never took over) it starts as before.
    /// </summary>
    public DateTimeOffset? HandedOverAt { get; init; }
    /// <summary>Since when PostgreSQL has been seen starting (crash recovery included); null while it is not starting.</summary>
    public DateTimeOffset? StartingSince { get; init; }
}

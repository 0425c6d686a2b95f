using Microsoft.Extensions.Time.Testing;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>
/// One agent across cycles: decides on the fake clock, carries <see cref="HaDecision.NextMemory"/> into the next cycle
/// and records what the executor's key operations achieved, as the real executor is specified to.
/// </summary>
internal sealed class ScenarioNode(HaSettings settings, FakeTimeProvider time)
{
    public AgentMemory Memory { get; private set; } = AgentMemory.Initial;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Runs one cycle; <paramref name="key"/> says how etcd answered its acquire/refresh.</summary>
    public HaDecision Cycle(ClusterView cluster, LocalPostgres postgres, KeyAnswer key = KeyAnswer.Done,
        IReadOnlyList<PeerReport>? peers = null, LongActionStatus? longAction = null)
    {
        HaDecision decision = HaRules.Decide(new HaInput
        {
            Cluster = cluster,
            Postgres = postgres,
            Memory = Memory,
            Settings = settings,
            Now = Now,
            Peers = peers ?? [],
            LongAction = longAction,
        });
        Memory = decision.NextMemory;
        if (decision.Actions.Any(a => a is AcquireLeaderLock or RefreshLeaderLock))
        {
            Memory = key switch
            {
                KeyAnswer.Done => Memory with { HoldsLeaderKey = true, LeaderKeyRefreshedAt = Now, LockRefreshFailed = false, LeaderKeyInDoubt = false },
                KeyAnswer.NotYours => Memory with { HoldsLeaderKey = false, LockRefreshFailed = true, LeaderKeyInDoubt = false, FailsafeConfirmedAt = null },
                _ => Memory with { LeaderKeyInDoubt = Memory.HoldsLeaderKey },
            };
        }
        if (decision.Actions.OfType<FollowLeader>().FirstOrDefault() is { } follow)
        {
            Memory = Memory with { FollowingLeader = follow.Leader };
        }
        if (decision.Actions.Any(a => a is ReleaseLeaderLock))
        {
            Memory = Memory with { HoldsLeaderKey = false, LeaderKeyRefreshedAt = null };
        }
        return decision;
    }

    /// <summary>What the executor learnt outside the key operations, e.g. a failed start.</summary>
    public void Learn(Func<AgentMemory, AgentMemory> change) => Memory = change(Memory);

    public void Wait(TimeSpan span) => time.Advance(span);
}

/// <summary>How etcd answered a cycle's key operation.</summary>
internal enum KeyAnswer
{
    Done,
    /// <summary>etcd answered: the key is someone else's, or gone.</summary>
    NotYours,
    /// <summary>No answer within retry_timeout.</summary>
    NoAnswer,
}

using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>Agent memories that rows start from; refine them with <c>with { ... }</c>.</summary>
public static class Memory
{
    public static AgentMemory Fresh => AgentMemory.Initial;

    /// <summary>A leader that refreshed its key <paramref name="secondsAgo"/> before <see cref="Clock.T0"/>.</summary>
    public static AgentMemory LeaderRefreshed(double secondsAgo) =>
        AgentMemory.Initial with { HoldsLeaderKey = true, LeaderKeyRefreshedAt = Clock.SecondsAgo(secondsAgo) };

    /// <summary>A replica already configured to stream from <paramref name="leader"/>.</summary>
    public static AgentMemory Following(string leader) => AgentMemory.Initial with { FollowingLeader = leader };
}

using Pgha.Core.Planning;

namespace Pgha.Core.Tests.Planning;

public sealed class QuorumVerdictTests
{
    [Theory]
    [InlineData(5, 5, true, QuorumState.Healthy, 2)]
    [InlineData(5, 4, true, QuorumState.Degraded, 1)]
    [InlineData(5, 3, true, QuorumState.Degraded, 0)]
    [InlineData(5, 2, false, QuorumState.Lost, 0)]
    [InlineData(5, 3, false, QuorumState.Lost, 0)]
    [InlineData(3, 3, true, QuorumState.Healthy, 1)]
    [InlineData(1, 1, true, QuorumState.Healthy, 0)]
    [InlineData(0, 0, false, QuorumState.Lost, 0)]
    public void Judge_names_the_state_and_the_losses_still_survivable(int members, int up, bool leader, QuorumState state, int more)
    {
        QuorumVerdict verdict = QuorumVerdict.Judge(members, up, leader);

        Assert.Equal(state, verdict.State);
        Assert.Equal(more, verdict.MoreLossesSurvivable);
        Assert.StartsWith(state.ToString().ToLowerInvariant(), verdict.Describe());
    }
}

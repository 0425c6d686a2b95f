namespace Pgha.Core.Planning;

/// <summary>
/// The live state of an etcd cluster in words: healthy (every member up), degraded (quorum holds,
/// with how many more losses it survives) or lost (no quorum or no leader).
/// </summary>
public sealed record QuorumVerdict(QuorumState State, int Members, int Up, int Quorum, int MoreLossesSurvivable)
{
    public static QuorumVerdict Judge(int members, int up, bool leaderSeen)
    {
        int quorum = (members / 2) + 1;
        if (members == 0 || up < quorum || !leaderSeen)
        {
            return new QuorumVerdict(QuorumState.Lost, members, up, quorum, 0);
        }
        QuorumState state = up == members ? QuorumState.Healthy : QuorumState.Degraded;
        return new QuorumVerdict(state, members, up, quorum, up - quorum);
    }

    public string Describe() => State switch
    {
        QuorumState.Healthy => $"healthy: {Up} of {Members} members up, quorum {Quorum}, survives {Losses(MoreLossesSurvivable)}",
        QuorumState.Degraded => $"degraded: {Up} of {Members} members up, quorum {Quorum}, survives {Losses(MoreLossesSurvivable)} more",
        _ when Up >= Quorum => $"lost: {Up} of {Members} members up but no leader elected",
        _ => $"lost: {Up} of {Members} members up, quorum needs {Quorum}; {Quorum - Up} more must return before a leader can be elected",
    };

    private static string Losses(int n) => n == 1 ? "1 loss" : $"{n} losses";
}

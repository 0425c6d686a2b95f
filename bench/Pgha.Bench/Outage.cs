namespace Pgha.Bench;

/// <summary>Reads write outages out of a writer's acknowledgements.</summary>
public static class Outage
{
    /// <summary>
    /// The shortest gap that is an interruption, not jitter: two ticks of the writer's 20 ms period. A crash always
    /// costs at least one write (the kept connection's next insert fails), so it leaves a gap at least this long.
    /// </summary>
    public const double Interruption = 0.04;

    /// <summary>The longest gap between consecutive acknowledgements from the last one before <paramref name="t0"/> on.</summary>
    public static double LongestGap(IReadOnlyList<WriteAck> acks, double t0)
    {
        double longest = 0;
        int first = Math.Max(0, LastIndexBefore(acks, t0));
        for (int i = first + 1; i < acks.Count; i++)
        {
            longest = Math.Max(longest, acks[i].At - acks[i - 1].At);
        }
        return longest;
    }

    /// <summary>The two acknowledgements around the longest gap (as <see cref="LongestGap"/> finds it).</summary>
    public static (WriteAck Last, WriteAck First) LongestGapEnds(IReadOnlyList<WriteAck> acks, double t0)
    {
        int first = Math.Max(0, LastIndexBefore(acks, t0));
        int best = Math.Min(first + 1, acks.Count - 1);
        for (int i = first + 1; i < acks.Count; i++)
        {
            if (acks[i].At - acks[i - 1].At > acks[best].At - acks[best - 1].At)
            {
                best = i;
            }
        }
        return (acks[Math.Max(0, best - 1)], acks[best]);
    }

    /// <summary>
    /// True once writes were interrupted after <paramref name="t0"/> and have flowed again for half a second since the
    /// longest gap. The longest gap, not the first long one: a restart can be shorter than any fixed threshold but
    /// jitter (a PostgreSQL that recovers in 70 ms), and until writes flow again the outage is the gap still open.
    /// </summary>
    public static bool RecoveredAfter(IReadOnlyList<WriteAck> acks, double t0)
    {
        if (acks.Count < 2)
        {
            return false;
        }
        (WriteAck last, WriteAck first) = LongestGapEnds(acks, t0);
        return first.At > t0 && first.At - last.At >= Interruption && acks[^1].At - first.At >= 0.5;
    }

    /// <summary>The first acknowledgement after <paramref name="t0"/> from <paramref name="server"/> (or from any other server when <paramref name="other"/>).</summary>
    public static WriteAck? FirstFrom(IReadOnlyList<WriteAck> acks, double t0, string server, bool other = false) =>
        acks.FirstOrDefault(a => a.At > t0 && (a.Server == server) != other);

    private static int LastIndexBefore(IReadOnlyList<WriteAck> acks, double t0)
    {
        int last = -1;
        for (int i = 0; i < acks.Count && acks[i].At <= t0; i++)
        {
            last = i;
        }
        return last;
    }
}

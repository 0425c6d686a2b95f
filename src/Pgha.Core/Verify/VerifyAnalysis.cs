namespace Pgha.Core.Verify;

/// <summary>
/// Judges a write-checker run from what the writers recorded and what the members held afterwards. Definitions:
/// <list type="bullet">
/// <item><b>Lost</b>: an acknowledged value missing from the one writable primary at the end; when there is no single
/// primary, missing from every member that could be read.</item>
/// <item><b>Split brain</b>: two terms (server, timeline) on different servers, X and Y, with writes x1, y, x2 such that
/// x1 was acknowledged before y was sent and y was acknowledged before x2 was sent. Each commit happened between its
/// send and its ack, so X committed, then Y, then X again: both accepted writes in overlapping time. Client latency
/// cannot fake this, and a switchover back (A, B, then A on a new timeline) does not count.</item>
/// <item><b>Outage per fault</b>: the longest stretch without any acknowledgement inside the fault's window (from its
/// start to the next fault's start or the end of the run), where the first stretch runs from the fault's start to the
/// first acknowledgement after it and the last from the last acknowledgement to the window's end. A fault is not
/// recovered when no write was acknowledged after it, or when that last stretch is its longest and longer than a
/// healthy writer's pause (one write interval plus a second): writes stopped and did not come back.</item>
/// <item><b>Failover</b>: the first acknowledgement from a term not seen before, in acknowledgement order.</item>
/// </list>
/// </summary>
public static class VerifyAnalysis
{
    public static VerifyReport Analyze(
        IReadOnlyList<AckedWrite> acked, IReadOnlyCollection<long> unknown, IReadOnlyList<NodeContents> nodes,
        IReadOnlyList<FaultEvent> faults, DateTimeOffset runEnd, TimeSpan writeInterval)
    {
        var primaries = nodes.Where(n => n.Reachable && n.IsPrimary).ToList();
        NodeContents? final = primaries.Count == 1 ? primaries[0] : null;
        var held = final?.Values ?? nodes.Where(n => n.Reachable).SelectMany(n => n.Values).ToHashSet();
        var byAck = acked.OrderBy(w => w.AckedAt).ToList();
        return new VerifyReport
        {
            Acknowledged = acked.Count,
            Unknown = unknown.Count,
            UnknownFound = unknown.Count(held.Contains),
            Lost = acked.Where(w => !held.Contains(w.Value)).OrderBy(w => w.Value).ToList(),
            FinalPrimary = final?.Server,
            PrimariesAtEnd = primaries.Select(p => p.Server).ToList(),
            UnreadNodes = nodes.Where(n => !n.Reachable).ToList(),
            SplitBrains = FindSplitBrains(acked),
            Outages = Outages(byAck, faults, runEnd, writeInterval),
            Failovers = Failovers(byAck),
        };
    }

    /// <summary>One finding per ordered pair of terms; per term only its earliest ack and its latest send matter.</summary>
    public static IReadOnlyList<SplitBrain> FindSplitBrains(IReadOnlyList<AckedWrite> acked)
    {
        var terms = acked.GroupBy(w => w.Term).ToList();
        var found = new List<SplitBrain>();
        foreach (IGrouping<PrimaryTerm, AckedWrite> x in terms)
        {
            AckedWrite firstAck = x.MinBy(w => w.AckedAt)!;
            AckedWrite lastSend = x.MaxBy(w => w.SentAt)!;
            foreach (IGrouping<PrimaryTerm, AckedWrite> y in terms.Where(t => t.Key.Server != x.Key.Server))
            {
                AckedWrite? between = y.Where(w => firstAck.AckedAt < w.SentAt && w.AckedAt < lastSend.SentAt).MinBy(w => w.AckedAt);
                if (between is not null)
                {
                    found.Add(new SplitBrain(x.Key, y.Key, firstAck, between, lastSend));
                }
            }
        }
        return found;
    }

    public static IReadOnlyList<FaultOutage> Outages(
        IReadOnlyList<AckedWrite> byAck, IReadOnlyList<FaultEvent> faults, DateTimeOffset runEnd, TimeSpan writeInterval)
    {
        var ordered = faults.OrderBy(f => f.StartedAt).ToList();
        var outages = new List<FaultOutage>();
        for (int i = 0; i < ordered.Count; i++)
        {
            FaultEvent fault = ordered[i];
            DateTimeOffset windowEnd = i + 1 < ordered.Count ? ordered[i + 1].StartedAt : runEnd;
            var acks = byAck.Select(w => w.AckedAt).Where(t => t > fault.StartedAt && t <= windowEnd).ToList();
            if (acks.Count == 0)
            {
                outages.Add(new FaultOutage(fault, windowEnd - fault.StartedAt, Recovered: false));
                continue;
            }
            TimeSpan longest = acks[0] - fault.StartedAt;
            for (int k = 1; k < acks.Count; k++)
            {
                longest = acks[k] - acks[k - 1] > longest ? acks[k] - acks[k - 1] : longest;
            }
            // Writes that resumed briefly and stopped again before the window closed have not recovered.
            TimeSpan trailing = windowEnd - acks[^1];
            bool stoppedAgain = trailing > longest && trailing > writeInterval + TimeSpan.FromSeconds(1);
            outages.Add(new FaultOutage(fault, trailing > longest ? trailing : longest, Recovered: !stoppedAgain));
        }
        return outages;
    }

    public static IReadOnlyList<Failover> Failovers(IReadOnlyList<AckedWrite> byAck)
    {
        var failovers = new List<Failover>();
        var seen = new HashSet<PrimaryTerm>();
        PrimaryTerm? current = null;
        foreach (AckedWrite write in byAck)
        {
            // A term seen before (an old primary still acknowledging) is split brain, not another failover.
            if (seen.Add(write.Term))
            {
                if (current is not null)
                {
                    failovers.Add(new Failover(current, write.Term, write.AckedAt));
                }
                current = write.Term;
            }
        }
        return failovers;
    }
}

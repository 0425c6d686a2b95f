namespace Pgha.FaultTests;

/// <summary>Judges acknowledged writes: which are missing from the final primary, and whether two servers took writes at once.</summary>
public static class WriteHistory
{
    public static WriteReport Judge(IReadOnlyList<WriteAck> acknowledged, IReadOnlySet<long> present)
    {
        List<WriteAck> lost = acknowledged.Where(a => !present.Contains(a.Value)).ToList();
        return new WriteReport(acknowledged, lost, SplitBrains(acknowledged));
    }

    /// <summary>
    /// Two servers were writable primaries at the same time when each acknowledged a write sent after the other had
    /// already acknowledged one: their spans of acknowledgements interleave. A handover (all of one, then all of the
    /// other) does not; the scenarios plan no failback, so any interleaving is a split brain. This holds for any
    /// number of concurrent writers, as it compares only send and acknowledge times.
    /// </summary>
    public static IReadOnlyList<string> SplitBrains(IReadOnlyList<WriteAck> acknowledged)
    {
        var spans = acknowledged.GroupBy(a => a.Server)
            .Select(g => (Server: g.Key, FirstAcked: g.Min(a => a.AckedNs), LastStarted: g.Max(a => a.StartedNs)))
            .ToList();
        var found = new List<string>();
        for (int i = 0; i < spans.Count; i++)
        {
            for (int j = i + 1; j < spans.Count; j++)
            {
                if (spans[i].LastStarted > spans[j].FirstAcked && spans[j].LastStarted > spans[i].FirstAcked)
                {
                    found.Add($"{spans[i].Server} and {spans[j].Server} both acknowledged writes after the other had");
                }
            }
        }
        return found;
    }
}

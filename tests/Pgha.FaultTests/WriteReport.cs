namespace Pgha.FaultTests;

/// <summary>What a write checker found: every acknowledged write, those missing on the final primary, and split brains.</summary>
public sealed record WriteReport(IReadOnlyList<WriteAck> Acknowledged, IReadOnlyList<WriteAck> Lost, IReadOnlyList<string> SplitBrains)
{
    /// <summary>The servers that acknowledged writes, in the order they began to.</summary>
    public IReadOnlyList<string> Servers => Acknowledged.OrderBy(a => a.AckedNs).Select(a => a.Server).Distinct().ToList();

    /// <summary>
    /// In asynchronous replication a primary cut off at once may take with it the writes it acknowledged but had not
    /// yet shipped; those are the only losses allowed: writes of <paramref name="server"/>, and no write of it
    /// acknowledged after a lost one survived.
    /// </summary>
    public bool LostOnlyTheUnshippedTailOf(string server)
    {
        if (Lost.Count == 0)
        {
            return true;
        }
        long firstLost = Lost.Min(a => a.AckedNs);
        return Lost.All(a => a.Server == server)
            && Acknowledged.Where(a => a.Server == server && a.AckedNs >= firstLost).All(Lost.Contains);
    }

    public override string ToString() =>
        $"{Acknowledged.Count} acknowledged by [{string.Join(", ", Servers)}], lost [{string.Join(", ", Lost.Select(a => $"{a.Value}@{a.Server}"))}], split brains [{string.Join("; ", SplitBrains)}]";
}

namespace Pgha.Core.Verify;

/// <summary>What <see cref="VerifyAnalysis.Analyze"/> found; <see cref="Failures"/> turns it into the exit rule.</summary>
public sealed record VerifyReport
{
    public required int Acknowledged { get; init; }
    /// <summary>Writes whose COMMIT was sent but got no answer: neither acknowledged nor lost.</summary>
    public required int Unknown { get; init; }
    /// <summary>Of the unknown writes, how many the read-back found anyway.</summary>
    public required int UnknownFound { get; init; }
    public required IReadOnlyList<AckedWrite> Lost { get; init; }
    /// <summary>The one writable primary at the end, if there was exactly one; lost writes are checked against it.</summary>
    public required string? FinalPrimary { get; init; }
    /// <summary>Every member that answered as a writable primary at read-back (more than one is a split brain).</summary>
    public required IReadOnlyList<string> PrimariesAtEnd { get; init; }
    public required IReadOnlyList<NodeContents> UnreadNodes { get; init; }
    public required IReadOnlyList<SplitBrain> SplitBrains { get; init; }
    public required IReadOnlyList<FaultOutage> Outages { get; init; }
    public required IReadOnlyList<Failover> Failovers { get; init; }

    public TimeSpan? MaxOutage => Outages.Count == 0 ? null : Outages.Max(o => o.Outage);

    /// <summary>The median outage (the mean of the two middle ones for an even count).</summary>
    public TimeSpan? MedianOutage
    {
        get
        {
            if (Outages.Count == 0)
            {
                return null;
            }
            var sorted = Outages.Select(o => o.Outage).Order().ToList();
            int mid = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>
    /// Why the run fails, empty when it passes: a split brain (during the run or two primaries at the end) always
    /// fails; lost acknowledged writes fail only in synchronous mode, where none may be lost.
    /// </summary>
    public IReadOnlyList<string> Failures(bool synchronousMode)
    {
        var failures = new List<string>();
        if (SplitBrains.Count > 0)
        {
            failures.Add($"split brain: {SplitBrains.Count} pair(s) of primaries acknowledged writes in overlapping time");
        }
        if (PrimariesAtEnd.Count > 1)
        {
            failures.Add($"split brain: {PrimariesAtEnd.Count} writable primaries at the end ({string.Join(", ", PrimariesAtEnd)})");
        }
        if (synchronousMode && Lost.Count > 0)
        {
            failures.Add($"synchronous mode lost {Lost.Count} acknowledged write(s)");
        }
        return failures;
    }
}

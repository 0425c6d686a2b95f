namespace Pgha.Core.Verify;

/// <summary>
/// When each fault of a verify run happens. In order: the listed faults in turn, one every <c>every</c>. Random (with a
/// seed, printed so that the run can be repeated): a random fault from the list at each slot, at a random moment in the
/// middle half of the slot. Faults start only while <c>hold</c> still fits before the end, so each one is healed in time.
/// </summary>
public static class FaultSchedule
{
    public static IReadOnlyList<PlannedFault> Plan(IReadOnlyList<string> faults, TimeSpan every, TimeSpan hold, TimeSpan duration, int? seed)
    {
        if (faults.Count == 0 || every <= TimeSpan.Zero)
        {
            return [];
        }
        Random? random = seed is int s ? new Random(s) : null;
        var plan = new List<PlannedFault>();
        for (int slot = 1; every * slot + hold < duration; slot++)
        {
            if (random is null)
            {
                plan.Add(new PlannedFault(every * slot, faults[(slot - 1) % faults.Count]));
                continue;
            }
            TimeSpan jitter = every * (0.25 + (random.NextDouble() * 0.5)) - every / 2;
            plan.Add(new PlannedFault(every * slot + jitter, faults[random.Next(faults.Count)]));
        }
        return plan;
    }
}

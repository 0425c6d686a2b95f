namespace Pgha.Core.Verify;

/// <summary>One fault of the schedule: <see cref="Name"/> injected <see cref="At"/> after the writers start.</summary>
public sealed record PlannedFault(TimeSpan At, string Name);

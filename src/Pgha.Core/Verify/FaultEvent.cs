namespace Pgha.Core.Verify;

/// <summary>A fault injected during the run: its name (e.g. kill-leader), when it started, and when it was healed.</summary>
public sealed record FaultEvent(string Name, DateTimeOffset StartedAt, DateTimeOffset? HealedAt, string Detail = "");

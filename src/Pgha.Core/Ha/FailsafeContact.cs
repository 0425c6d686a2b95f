namespace Pgha.Core.Ha;

/// <summary>A replica accepted <c>POST /failsafe</c> from <paramref name="Primary"/> at <paramref name="At"/> (its own clock).</summary>
public sealed record FailsafeContact(string Primary, DateTimeOffset At);

namespace Pgha.Verify;

/// <summary>What a fault did (for the report) and how to undo it.</summary>
public sealed record InjectedFault(string Detail, Func<CancellationToken, Task> HealAsync)
{
    public static InjectedFault Skipped(string why) => new($"skipped: {why}", _ => Task.CompletedTask);
}

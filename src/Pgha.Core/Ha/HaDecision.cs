namespace Pgha.Core.Ha;

/// <summary>The outcome of one HA cycle: the actions to run, the one log line, and the memory to carry on.</summary>
public sealed record HaDecision(IReadOnlyList<HaAction> Actions, string Reason, AgentMemory NextMemory);

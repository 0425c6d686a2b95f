namespace Pgha.Core.Ha;

/// <summary>Small constructors that keep each rule branch to one readable line.</summary>
internal static class Decision
{
    public static HaDecision Wait(HaInput input, string reason) =>
        new([], reason, input.Memory);

    public static HaDecision Do(HaInput input, string reason, params HaAction[] actions) =>
        new(actions, reason, input.Memory);

    public static HaDecision Do(AgentMemory next, string reason, params HaAction[] actions) =>
        new(actions, reason, next);
}

using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>One row of the HA rule table: a situation, the exact actions expected and the reason logged.</summary>
/// <param name="Name">The row's display name: the reason, plus a short qualifier when two rows share one reason.</param>
/// <param name="ReasonIsPrefix">True when the reason carries numbers, so only its stable start is compared.</param>
public sealed record RuleRow(string Name, HaInput Input, string Reason, IReadOnlyList<HaAction> Actions, bool ReasonIsPrefix = false)
{
    public static RuleRow Of(HaInput input, string reason, params HaAction[] actions) => new(reason, input, reason, actions);

    public static RuleRow Of(string qualifier, HaInput input, string reason, params HaAction[] actions) =>
        new($"{reason} [{qualifier}]", input, reason, actions);

    public static RuleRow Prefix(HaInput input, string reasonPrefix, params HaAction[] actions) =>
        new(reasonPrefix, input, reasonPrefix, actions, ReasonIsPrefix: true);
}

namespace Pgha.Core.Planning;

/// <summary>A weakness of a layout and the concrete change that removes it.</summary>
public sealed record PlanWarning(string Problem, string Fix)
{
    public override string ToString() => $"{Problem}: {Fix}";
}

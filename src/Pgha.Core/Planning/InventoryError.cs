namespace Pgha.Core.Planning;

/// <summary>One problem in an inventory: the key it concerns, what is wrong and how to fix it.</summary>
public sealed record InventoryError(string Key, string Problem, string Fix)
{
    public override string ToString() => $"{Key}: {Problem}; {Fix}";
}

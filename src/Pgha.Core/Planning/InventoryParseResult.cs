namespace Pgha.Core.Planning;

/// <summary>Either an inventory or every error found in it, never both.</summary>
public sealed record InventoryParseResult(Inventory? Inventory, IReadOnlyList<InventoryError> Errors)
{
    public bool Succeeded => Inventory is not null;
}

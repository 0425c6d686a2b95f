using Pgha.Core.Planning;

namespace Pgha.Cli.Gen;

/// <summary>Reads and parses an inventory file; every problem becomes one line of a single error.</summary>
public static class InventoryFile
{
    public static Inventory Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new PghaException($"inventory {path}: no such file; write an example with `pgha init {path}`", ExitCodes.InvalidConfig);
        }
        InventoryParseResult result = InventoryParser.Parse(File.ReadAllText(path), path);
        if (result.Inventory is null)
        {
            string lines = string.Join("\n", result.Errors.Select(e => $"inventory {path}: {e}"));
            throw new PghaException($"{result.Errors.Count} problem(s), nothing written:\n{lines}", ExitCodes.InvalidConfig);
        }
        return result.Inventory;
    }
}

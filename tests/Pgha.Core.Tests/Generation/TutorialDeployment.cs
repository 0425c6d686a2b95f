using Pgha.Core.Generation;
using Pgha.Core.Planning;

namespace Pgha.Core.Tests.Generation;

/// <summary>The example inventory with fixed test passwords, so that rendering is deterministic.</summary>
internal static class TutorialDeployment
{
    public static readonly DeploymentSecrets Secrets = new("test-superuser-pw", "test-replication-pw", "test-rewind-pw");

    public static Inventory Inventory => InventoryParser.Parse(ExampleInventory.Text, "example").Inventory!;

    public static GenerationOptions Options(Inventory inventory) => new()
    {
        Paths = PathLayout.From(inventory.Paths),
        BinDir = inventory.Paths.BinDir,
        Secrets = Secrets,
    };

    public static IReadOnlyList<GeneratedFile> Files()
    {
        Inventory inventory = Inventory;
        return DeploymentGenerator.Generate(inventory, Options(inventory));
    }
}

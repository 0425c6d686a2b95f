using System.CommandLine;
using Pgha.Core.Generation;
using Pgha.Core.Planning;

namespace Pgha.Cli.Gen;

/// <summary>
/// <c>pgha gen &lt;inventory&gt; [--out dir]</c>: every config, unit and script of a real deployment,
/// one folder per host. Never overwrites a file the user changed unless --force.
/// </summary>
public sealed class GenCommand : Command
{
    private readonly Argument<string> _inventory = new("inventory") { Description = "Inventory YAML (see pgha init)" };
    private readonly Option<string> _out = new("--out", "-o") { Description = "Output folder", DefaultValueFactory = _ => "deploy" };
    private readonly Option<bool> _force = new("--force") { Description = "Overwrite files you changed since the last run" };
    private readonly Option<EtcdNaming> _etcdNames = new("--etcd-names") { Description = "Name etcd members after their host (HostName) or etcd1.. (Alias, the tutorial's -e)", DefaultValueFactory = _ => EtcdNaming.HostName };
    private readonly Option<bool> _byAddress = new("--by-address") { Description = "Reach other hosts by address instead of by name (no /etc/hosts needed)" };

    public GenCommand() : base("gen", "Generate etcd, agent, pgBackRest, systemd, /etc/hosts and docker files from an inventory")
    {
        Arguments.Add(_inventory);
        Options.Add(_out);
        Options.Add(_force);
        Options.Add(_etcdNames);
        Options.Add(_byAddress);
        SetAction(parse =>
        {
            Inventory inventory = InventoryFile.Load(parse.GetValue(_inventory)!);
            string outputDir = parse.GetValue(_out)!;
            var options = new GenerationOptions
            {
                Paths = PathLayout.From(inventory.Paths),
                BinDir = inventory.Paths.BinDir,
                Secrets = SecretsStore.LoadOrCreate(outputDir),
                EtcdNames = parse.GetValue(_etcdNames),
                ConnectByHostName = !parse.GetValue(_byAddress),
            };
            IReadOnlyList<GeneratedFile> files = DeploymentGenerator.Generate(inventory, options);
            IReadOnlyList<FileOutcome> outcomes = new GeneratedFileWriter(outputDir, parse.GetValue(_force)).WriteAll(files);
            Report(parse.InvocationConfiguration.Output, inventory, outputDir, outcomes);
            return ExitCodes.Success;
        });
    }

    private static void Report(TextWriter output, Inventory inventory, string outputDir, IReadOnlyList<FileOutcome> outcomes)
    {
        foreach (FileOutcome outcome in outcomes.Where(o => o.Change != FileChange.Unchanged))
        {
            string what = outcome.Change switch
            {
                FileChange.KeptUserEdit => "kept (you changed it; --force overwrites)",
                FileChange.Overwritten => "overwritten (your change replaced: --force)",
                _ => outcome.Change.ToString().ToLowerInvariant(),
            };
            output.WriteLine($"{what,-10} {Path.Combine(outputDir, outcome.Path)}");
        }
        int unchanged = outcomes.Count(o => o.Change == FileChange.Unchanged);
        output.WriteLine($"{outcomes.Count} files in {outputDir}: {outcomes.Count - unchanged} changed or kept, {unchanged} unchanged");
        if (DockerLayout.Subnet(inventory) is null)
        {
            output.WriteLine("no docker-compose.yml or deploy.sh: the host addresses do not share one IPv4 /24 that docker could use");
        }
        foreach (PlanWarning warning in QuorumPlanner.Plan(inventory).Warnings)
        {
            output.WriteLine($"WARNING: {warning}");
        }
    }
}

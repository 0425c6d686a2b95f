using System.CommandLine;
using Pgha.Core.Planning;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha init [file]</c>: writes the commented example inventory (the tutorial's five hosts).</summary>
public sealed class InitCommand : Command
{
    private readonly Argument<string> _path = new("inventory") { Description = "File to write", DefaultValueFactory = _ => "pgha-inventory.yaml" };
    private readonly Option<bool> _force = new("--force") { Description = "Overwrite an existing file" };

    public InitCommand() : base("init", "Write an example inventory (the tutorial's five hosts) to edit and then plan and generate")
    {
        Arguments.Add(_path);
        Options.Add(_force);
        SetAction(parse =>
        {
            string path = parse.GetValue(_path)!;
            if (File.Exists(path) && !parse.GetValue(_force))
            {
                throw new PghaException($"{path} already exists; edit it, choose another name, or pass --force to overwrite it");
            }
            File.WriteAllText(path, ExampleInventory.Text);
            parse.InvocationConfiguration.Output.WriteLine($"wrote {path}: edit the hosts, then run `pgha plan {path}` and `pgha gen {path} --out deploy`");
            return ExitCodes.Success;
        });
    }
}

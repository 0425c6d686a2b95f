using System.CommandLine;

namespace Pgha.Cli.Sandbox;

/// <summary><c>pgha sandbox up|down|status|kill|start</c>: the whole system on one machine, on 127.0.50.10-14.</summary>
public sealed class SandboxCommand : Command
{
    /// <summary>Where the sandbox lives; default <c>.sandbox</c> here or <c>$PGHA_SANDBOX_DIR</c>.</summary>
    public static readonly Option<string?> Dir = new("--dir") { Description = "Sandbox folder (default: $PGHA_SANDBOX_DIR or ./.sandbox)", Recursive = true };

    public SandboxCommand() : base("sandbox", "Run a whole cluster on this machine: 5 etcd members, 3 PostgreSQL nodes")
    {
        Options.Add(Dir);
        Subcommands.Add(new UpCommand());
        Subcommands.Add(new DownCommand());
        Subcommands.Add(new StatusCommand());
        Subcommands.Add(new KillCommand());
        Subcommands.Add(new StartCommand());
    }

    public static Pgha.Sandbox.SandboxLayout Layout(ParseResult parse) =>
        Pgha.Sandbox.SandboxLayout.Default(parse.GetValue(Dir) ?? Environment.GetEnvironmentVariable("PGHA_SANDBOX_DIR"), Directory.GetCurrentDirectory());
}

using System.CommandLine;
using Pgha.Cli.Commands;
using Pgha.Cli.Etcd;
using Pgha.Cli.Gen;

namespace Pgha.Cli;

/// <summary>The whole command tree in one place. Each verb is its own class.</summary>
public static class PghaRootCommand
{
    /// <summary>Print stack traces for internal errors.</summary>
    public static readonly Option<bool> Debug = new("--debug") { Description = "Print stack traces for internal errors", Recursive = true };

    public static RootCommand Build()
    {
        var root = new RootCommand("pgha: a high-availability manager for PostgreSQL, compatible with Patroni")
        {
            Debug,
            new VersionCommand(),
            new AgentCommand(),
            new FenceCommand(),
            new Sandbox.SandboxCommand(),
            new PlanCommand(),
            new InitCommand(),
            new GenCommand(),
            new EtcdCommand(),
        };
        return root;
    }
}

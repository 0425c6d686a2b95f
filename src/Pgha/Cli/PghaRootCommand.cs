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
            new ListCommand(),
            new ListCommand(topology: true),
            new HistoryCommand(),
            new ShowConfigCommand(),
            new DsnCommand(),
            new SwitchoverCommand(),
            new SwitchoverCommand(failover: true),
            new EditConfigCommand(),
            new PauseCommand(pause: true),
            new PauseCommand(pause: false),
            new HbaCommand(),
            new RestartCommand(),
            new ReloadCommand(),
            new ReinitCommand(),
            new FlushCommand(),
            new RemoveCommand(),
            new VerifyCommand(),
        };
        return root;
    }

    private static readonly HashSet<string> s_globalsWithValue = ["-c", "--config-file", "-d", "--dcs-url", "--dcs"];

    /// <summary>
    /// patronictl takes -c/--config-file and -d/--dcs-url before the verb (<c>patronictl -c f.yml list</c>); our
    /// verbs own those options, so runbook command lines are rewritten to put them after the verb.
    /// </summary>
    public static string[] Normalize(string[] args)
    {
        var moved = new List<string>();
        int i = 0;
        while (i + 1 < args.Length && s_globalsWithValue.Contains(args[i]))
        {
            moved.AddRange([args[i], args[i + 1]]);
            i += 2;
        }
        if (moved.Count == 0 || i >= args.Length)
        {
            return args;
        }
        return [args[i], .. moved, .. args[(i + 1)..]];
    }
}

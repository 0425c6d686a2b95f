using System.CommandLine;
using Pgha.Processes;
using Pgha.Sandbox;

namespace Pgha.Cli.Sandbox;

/// <summary><c>pgha sandbox start &lt;member&gt;</c>: starts a killed member's agent (or etcd with --etcd) again.</summary>
public sealed class StartCommand : Command
{
    private static readonly Argument<string> s_member = new("member") { Description = "pgha1, pgha2 or pgha3 (or any pgha1-5 with --etcd)" };
    private static readonly Option<bool> s_etcd = new("--etcd") { Description = "Start the member's etcd process instead" };

    public StartCommand() : base("start", "Start a member's agent (or its etcd with --etcd) again")
    {
        Arguments.Add(s_member);
        Options.Add(s_etcd);
        SetAction(Run);
    }

    private static int Run(ParseResult parse)
    {
        SandboxLayout layout = SandboxCommand.Layout(parse);
        SandboxState state = SandboxState.Load(layout);
        string member = parse.GetValue(s_member)!;
        bool etcd = parse.GetValue(s_etcd);
        Dictionary<string, int> table = etcd ? state.Etcd : state.Agents;
        if (!table.TryGetValue(member, out int old))
        {
            throw new PghaException($"no {(etcd ? "etcd member" : "agent")} '{member}' in this sandbox; members are {string.Join(", ", table.Keys)}");
        }
        if (DetachedProcess.IsAlive(old))
        {
            parse.InvocationConfiguration.Output.WriteLine($"{member} is already running (pid {old})");
            return ExitCodes.Success;
        }
        var processes = new SandboxProcesses(layout);
        table[member] = etcd ? processes.StartEtcd(member) : processes.StartAgent(member);
        state.Save(layout);
        parse.InvocationConfiguration.Output.WriteLine($"started {(etcd ? "etcd" : "agent")} on {member} (pid {table[member]})");
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Pgha.Processes;
using Pgha.Sandbox;

namespace Pgha.Cli.Sandbox;

/// <summary><c>pgha sandbox kill &lt;member&gt;</c>: kill -9 of the member's agent and postmaster, or of an etcd member.</summary>
public sealed class KillCommand : Command
{
    private static readonly Argument<string> s_member = new("member") { Description = "pgha1, pgha2 or pgha3 (or any pgha1-5 with --etcd)" };
    private static readonly Option<bool> s_etcd = new("--etcd") { Description = "Kill the member's etcd process instead" };

    public KillCommand() : base("kill", "kill -9 a member's agent and PostgreSQL (or its etcd with --etcd)")
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
        if (parse.GetValue(s_etcd))
        {
            int etcd = state.Etcd.TryGetValue(member, out int e) && DetachedProcess.IsAlive(e) ? e
                : throw new PghaException($"no running etcd member '{member}'; members are {string.Join(", ", state.Etcd.Keys)}");
            Signals.Send(etcd, Signals.SigKill);
            parse.InvocationConfiguration.Output.WriteLine($"killed etcd on {member} (pid {etcd})");
            return ExitCodes.Success;
        }
        int agent = state.Agents.TryGetValue(member, out int a) ? a
            : throw new PghaException($"no agent '{member}' in this sandbox; members are {string.Join(", ", state.Agents.Keys)}");
        int? postmaster = SandboxProcesses.PostmasterPid(layout.DataDir(member));
        SandboxProcesses.Crash(agent, layout.DataDir(member));
        parse.InvocationConfiguration.Output.WriteLine($"killed {member}: agent pid {agent}, postmaster pid {postmaster?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} (kill -9)");
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>patronictl's <c>CLUSTER [MEMBERS...]</c> with <c>-r/--role</c> and <c>--force</c>, shared by restart, reload, reinit and flush.</summary>
public sealed class MemberTargetOptions
{
    public ClusterOptions Cluster { get; } = new();
    public Argument<string> Name { get; } = new("cluster") { Description = "The cluster name (scope)" };
    public Argument<string[]> Members { get; } = new("member") { Arity = ArgumentArity.ZeroOrMore, Description = "Members (default: every member with the role)" };
    public Option<string> Role { get; } = new("--role", "-r") { Description = "leader, primary, replica or any", DefaultValueFactory = _ => "any" };
    public Option<bool> Force { get; } = new("--force") { Description = "Do not ask for confirmation" };

    public void AddTo(Command command, bool withMembers = true)
    {
        Cluster.AddTo(command);
        command.Arguments.Add(Name);
        if (withMembers)
        {
            command.Arguments.Add(Members);
        }
        command.Options.Add(Role);
        command.Options.Add(Force);
    }

    public ClusterSession Open(ParseResult parse) => Cluster.Open(parse, parse.GetValue(Name));

    /// <summary>The named members (each must exist), else every member with the role, sorted by name.</summary>
    public IReadOnlyList<Member> Select(ParseResult parse, ClusterView view)
    {
        string[] names = parse.GetValue(Members) ?? [];
        IEnumerable<Member> chosen = names.Length > 0
            ? names.Select(n => view.FindMember(n) ?? throw new PghaException($"member {n}: not in cluster {parse.GetValue(Name)}; see pgha list", ExitCodes.Failure))
            : MemberChoice.Filter(view, parse.GetValue(Role)!);
        var list = chosen.DistinctBy(m => m.Name).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        return list.Count > 0 ? list : throw new PghaException($"no member has role {parse.GetValue(Role)}", ExitCodes.Failure);
    }
}

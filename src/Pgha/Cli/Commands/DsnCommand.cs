using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha dsn [CLUSTER]</c>: the multi-host connection strings (read-write, read-only, any; libpq and Npgsql).
/// With <c>-r ROLE</c> or <c>-m MEMBER</c>, patronictl's single <c>host=h port=p</c>.
/// </summary>
public sealed class DsnCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _role = new("--role", "-r") { Description = "leader, primary, replica or any" };
    private readonly Option<string?> _member = new("--member", "-m") { Description = "One member's DSN" };
    private readonly Option<string> _user = new("--user", "-U") { DefaultValueFactory = _ => "postgres" };
    private readonly Option<string> _database = new("--dbname") { DefaultValueFactory = _ => "postgres" };

    public DsnCommand() : base("dsn", "Print connection strings for the cluster")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        Options.Add(_role);
        Options.Add(_member);
        Options.Add(_user);
        Options.Add(_database);
        SetAction(async (parse, ct) =>
        {
            using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
            ClusterView view = await session.ReadExistingAsync(ct);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(_member) is null && parse.GetValue(_role) is null)
            {
                output.WriteLine(DsnText.Render(view, parse.GetValue(_user)!, parse.GetValue(_database)!));
                return ExitCodes.Success;
            }
            Member member = MemberChoice.Pick(view, parse.GetValue(_member), parse.GetValue(_role) ?? "any");
            output.WriteLine(DsnText.Member(member));
            return ExitCodes.Success;
        });
    }
}

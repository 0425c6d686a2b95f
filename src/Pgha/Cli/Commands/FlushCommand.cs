using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha flush CLUSTER [MEMBER...] restart|switchover</c>: cancel scheduled restarts or the scheduled switchover.</summary>
public sealed class FlushCommand : Command
{
    private readonly MemberTargetOptions _target = new();
    private readonly Argument<string[]> _rest = new("member-and-target") { Arity = ArgumentArity.OneOrMore, Description = "[MEMBER...] restart|switchover" };

    public FlushCommand() : base("flush", "Discard scheduled events")
    {
        _target.AddTo(this, withMembers: false);
        Arguments.Add(_rest);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        string[] rest = parse.GetValue(_rest)!;
        string what = rest[^1];
        using ClusterSession session = _target.Open(parse);
        ClusterView view = await session.ReadExistingAsync(ct);
        if (what == "switchover")
        {
            return await FlushSwitchoverAsync(session, view, output, ct);
        }
        if (what != "restart")
        {
            throw new PghaException($"flush {what}: unknown; use restart or switchover", ExitCodes.Usage);
        }
        IEnumerable<Member> members = rest.Length > 1
            ? rest[..^1].Select(n => view.FindMember(n) ?? throw new PghaException($"member {n}: not in the cluster", ExitCodes.Failure))
            : MemberChoice.Filter(view, parse.GetValue(_target.Role)!);
        if (!parse.GetValue(_target.Force) && !Prompt.Console(output).Confirm("Are you sure you want to flush scheduled restarts?"))
        {
            throw new PghaException("Aborted", ExitCodes.Failure);
        }
        foreach (Member member in members)
        {
            ApiReply reply = await session.Api.SendAsync(member, HttpMethod.Delete, "/restart", null, ct);
            output.WriteLine(reply.Status == 200
                ? $"Success: flush scheduled restart for member {member.Name}"
                : $"Failed: flush scheduled restart for member {member.Name}, status code={reply.Status}, ({reply.Text})");
        }
        return ExitCodes.Success;
    }

    private static async Task<int> FlushSwitchoverAsync(ClusterSession session, ClusterView view, TextWriter output, CancellationToken ct)
    {
        if (view.Failover is not { IsEmpty: false })
        {
            output.WriteLine("No pending scheduled switchover");
            return ExitCodes.Success;
        }
        foreach (Member member in MemberChoice.Filter(view, "any"))
        {
            ApiReply reply = await session.Api.SendAsync(member, HttpMethod.Delete, "/switchover", null, ct);
            if (reply.Status is 200 or 404)
            {
                output.WriteLine($"Success: {reply.Text}");
                return ExitCodes.Success;
            }
        }
        // No member answered: clear the key ourselves, as Patroni clears it.
        await session.Store.PutAsync(DcsKeys.Failover, "{}", null, ct);
        output.WriteLine("Success: scheduled switchover deleted");
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha reload CLUSTER [MEMBER...]</c>: POST /reload on each member (config files rewritten, PostgreSQL reloaded).</summary>
public sealed class ReloadCommand : Command
{
    private readonly MemberTargetOptions _target = new();

    public ReloadCommand() : base("reload", "Reload the configuration of cluster members")
    {
        _target.AddTo(this);
        SetAction(async (parse, ct) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            using ClusterSession session = _target.Open(parse);
            ClusterView view = await session.ReadExistingAsync(ct);
            IReadOnlyList<Member> members = _target.Select(parse, view);
            if (!parse.GetValue(_target.Force) && !Prompt.Console(output).Confirm($"Are you sure you want to reload members {string.Join(", ", members.Select(m => m.Name))}?"))
            {
                throw new PghaException("Aborted", ExitCodes.Failure);
            }
            int failures = 0;
            foreach (Member member in members)
            {
                ApiReply reply = await session.Api.SendAsync(member, HttpMethod.Post, "/reload", null, ct);
                output.WriteLine(reply.Status switch
                {
                    202 => $"Reload request received for member {member.Name} and will be processed within {SwitchoverCheck.Config(view).LoopWait} seconds",
                    200 => $"No changes to apply on member {member.Name}",
                    _ => $"Failed: reload for member {member.Name}, status code={reply.Status}, ({reply.Text})",
                });
                failures += reply.Status is 200 or 202 ? 0 : 1;
            }
            return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
        });
    }
}

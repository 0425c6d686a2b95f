using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha reinit CLUSTER MEMBER...</c>: a replica drops its data and clones afresh from the leader.</summary>
public sealed class ReinitCommand : Command
{
    private readonly MemberTargetOptions _target = new();
    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until the member runs again" };

    public ReinitCommand() : base("reinit", "Reinitialize a replica from the leader")
    {
        _target.AddTo(this);
        Options.Add(_wait);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        using ClusterSession session = _target.Open(parse);
        ClusterView view = await session.ReadExistingAsync(ct);
        var prompt = Prompt.Console(output);
        IReadOnlyList<Member> members = (parse.GetValue(_target.Members) ?? []).Length > 0 || parse.GetValue(_target.Force)
            ? _target.Select(parse, view)
            : [MemberChoice.Pick(view, prompt.Ask("Which member do you want to reinitialize"), "any")];
        if (!parse.GetValue(_target.Force) && !prompt.Confirm($"Are you sure you want to reinitialize members {string.Join(", ", members.Select(m => m.Name))}?"))
        {
            throw new PghaException("Aborted", ExitCodes.Failure);
        }
        int failures = 0;
        foreach (Member member in members)
        {
            ApiReply reply = await session.Api.SendAsync(member, HttpMethod.Post, "/reinitialize", "{\"force\":true}", ct);
            bool ok = reply.Status == 200;
            output.WriteLine(ok ? $"Success: reinitialize for member {member.Name}" : $"Failed: reinitialize for member {member.Name}, status code={reply.Status}, ({reply.Text})");
            failures += ok ? 0 : 1;
            if (ok && parse.GetValue(_wait))
            {
                output.WriteLine($"Waiting for reinitialize to complete on: {member.Name}");
                await WaitRunningAsync(session, member.Name, ct);
                output.WriteLine($"Reinitialize is completed on: {member.Name}");
            }
        }
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static async Task WaitRunningAsync(ClusterSession session, string name, CancellationToken ct)
    {
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddMinutes(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            if ((await session.ReadAsync(ct)).FindMember(name) is { State: "running" or "streaming" } member && member.XlogLocation is not null)
            {
                return;
            }
        }
        throw new PghaException($"member {name}: not running again after 30 minutes; see its agent log", ExitCodes.Failure);
    }
}

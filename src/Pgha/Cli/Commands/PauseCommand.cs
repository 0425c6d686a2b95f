using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha pause</c> / <c>pgha resume</c>: PATCH /config with <c>{"pause": true}</c> or <c>{"pause": null}</c> on the
/// leader (else any member); <c>--wait</c> polls until every member reports the new state.
/// </summary>
public sealed class PauseCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<bool> _wait = new("--wait") { Description = "Wait until every member has applied it" };
    private readonly bool _pause;

    public PauseCommand(bool pause) : base(pause ? "pause" : "resume", pause ? "Disable automatic failover (maintenance mode)" : "Resume automatic failover")
    {
        _pause = pause;
        _cluster.AddTo(this);
        Arguments.Add(_name);
        Options.Add(_wait);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
        ClusterView view = await session.ReadExistingAsync(ct);
        if (ConfigUpdate.IsPaused(view) == _pause)
        {
            throw new PghaException(_pause ? "Cluster is already paused" : "Cluster is not paused", ExitCodes.Failure);
        }
        string body = _pause ? "{\"pause\":true}" : "{\"pause\":null}";
        ApiReply? reply = null;
        foreach (Member member in MemberChoice.Filter(view, "any"))
        {
            reply = await session.Api.SendAsync(member, HttpMethod.Patch, "/config", body, ct);
            if (reply.Reachable)
            {
                break;
            }
        }
        if (reply is not { Status: 200 })
        {
            throw new PghaException($"Failed: {(reply is { Reachable: true } r ? $"status code={r.Status}, ({r.Text})" : "no member's REST API answered")}", ExitCodes.Failure);
        }
        if (parse.GetValue(_wait))
        {
            output.WriteLine($"'{(_pause ? "pause" : "resume")}' request sent, waiting until it is recognized by all nodes");
            await WaitAsync(session, ct);
        }
        output.WriteLine($"Success: cluster management is {(_pause ? "paused" : "resumed")}");
        return ExitCodes.Success;
    }

    private async Task WaitAsync(ClusterSession session, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            ClusterView view = await session.ReadAsync(ct);
            if (view.Members.All(m => m.Paused == _pause))
            {
                return;
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new PghaException("members did not report the new pause state within 60 s", ExitCodes.Failure);
            }
        }
    }
}

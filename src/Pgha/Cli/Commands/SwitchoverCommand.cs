using System.CommandLine;
using System.Globalization;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha switchover</c> and <c>pgha failover</c>: prompts and flags as patronictl's, refusals checked here first
/// (with the reason), then POST /switchover or /failover to the leader (the candidate when there is none), or the
/// failover key written directly when no member answers.
/// </summary>
public sealed class SwitchoverCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> _leader = new("--leader", "--primary", "--master") { Description = "The current leader" };
    private readonly Option<string?> _candidate = new("--candidate") { Description = "The member to promote" };
    private readonly Option<string?> _scheduled = new("--scheduled") { Description = "When: an ISO 8601 time with zone, or now" };
    private readonly Option<bool> _force = new("--force") { Description = "Do not ask for confirmation" };
    private readonly bool _failover;

    public SwitchoverCommand(bool failover = false)
        : base(failover ? "failover" : "switchover", failover ? "Promote a chosen healthy member, with or without a leader" : "Hand the leader role to a replica, planned")
    {
        _failover = failover;
        _cluster.AddTo(this);
        Arguments.Add(_name);
        Options.Add(_leader);
        Options.Add(_candidate);
        if (!failover)
        {
            Options.Add(_scheduled);
        }
        Options.Add(_force);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
        ClusterView view = await session.ReadExistingAsync(ct);
        bool force = parse.GetValue(_force);
        output.WriteLine(ClusterTable.Render(session.Target.Scope, view, new ListOptions(Topology: false)));
        SwitchoverRequest request = Ask(parse, view, force, Prompt.Console(output));
        if (request.ScheduledAt is null && SwitchoverCheck.Check(view, request) is { } refusal)
        {
            throw new PghaException($"{request.Action} refused: {refusal.Detail}", ExitCodes.Failure);
        }
        if (!force && !Prompt.Console(output).Confirm(Confirmation(request, session.Target.Scope, view)))
        {
            throw new PghaException("Aborted", ExitCodes.Failure);
        }
        (int status, string text) = await SendAsync(session, view, request, ct);
        if (status is 200 or 202)
        {
            output.WriteLine($"{DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)} {text}");
            output.WriteLine(ClusterTable.Render(session.Target.Scope, await session.ReadAsync(ct)));
            return ExitCodes.Success;
        }
        throw new PghaException($"{(_failover ? "Failover" : "Switchover")} failed, details: {status}, {text}", ExitCodes.Failure);
    }

    private SwitchoverRequest Ask(ParseResult parse, ClusterView view, bool force, Prompt prompt)
    {
        string? leader = parse.GetValue(_leader);
        string? candidate = parse.GetValue(_candidate);
        string? scheduled = parse.GetValue(_scheduled);
        if (!_failover && leader is null)
        {
            leader = force ? view.Leader?.Name : prompt.Ask("Primary", view.Leader?.Name ?? "");
        }
        if (candidate is null && !force)
        {
            var names = view.Members.Where(m => m.Name != (leader ?? view.Leader?.Name) && !m.Tags.NoFailover).Select(m => $"'{m.Name}'").Order(StringComparer.Ordinal);
            candidate = prompt.Ask($"Candidate [{string.Join(", ", names)}]", "") is { Length: > 0 } c ? c : null;
        }
        if (!_failover && scheduled is null && !force)
        {
            scheduled = prompt.Ask("When should the switchover take place (e.g. 2025-01-31T14:00 ) ", "now");
        }
        DateTimeOffset? at = null;
        if (scheduled is { } s && s != "now")
        {
            if (!SwitchoverBody.HasZone(s) || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset parsed))
            {
                throw new PghaException($"--scheduled {s}: not an ISO 8601 time with a zone; write e.g. 2025-01-31T14:00:00+00:00", ExitCodes.Usage);
            }
            at = parsed;
        }
        return new SwitchoverRequest(_failover, string.IsNullOrEmpty(leader) ? null : leader, candidate, at);
    }

    private static string Confirmation(SwitchoverRequest request, string scope, ClusterView view) => request.IsFailover
        ? $"Are you sure you want to failover cluster {scope}{(view.Leader is { } l ? $", demoting current leader {l.Name}" : "")}?"
        : $"Are you sure you want to switchover cluster {scope}, demoting current leader {request.Leader}?";

    private static async Task<(int, string)> SendAsync(ClusterSession session, ClusterView view, SwitchoverRequest request, CancellationToken ct)
    {
        Member? target = view.LeaderMember ?? (request.Candidate is { } c ? view.FindMember(c) : null);
        string json = new System.Text.Json.Nodes.JsonObject
        {
            ["leader"] = request.Leader,
            ["candidate"] = request.Candidate,
            ["scheduled_at"] = request.ScheduledAt?.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        }.ToJsonString();
        if (target is not null)
        {
            ApiReply reply = await session.Api.SendAsync(target, HttpMethod.Post, request.IsFailover ? "/failover" : "/switchover", json, ct);
            if (reply.Reachable)
            {
                return (reply.Status, reply.Text);
            }
        }
        // No member answers: write the key ourselves, as patronictl does, and watch for the outcome.
        (int status, string message, _) = await new SwitchoverOperation(session.Store, TimeProvider.System).RunAsync(request, SwitchoverOperation.Timeout(10), null, ct);
        return (status, message);
    }
}

using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha restart CLUSTER [MEMBER...]</c>: POST /restart on each member, now or at <c>--scheduled</c>, as patronictl.</summary>
public sealed class RestartCommand : Command
{
    private readonly MemberTargetOptions _target = new();
    private readonly Option<bool> _any = new("--any") { Description = "Restart one member chosen at random" };
    private readonly Option<string?> _scheduled = new("--scheduled") { Description = "When: ISO 8601 with zone, or now" };
    private readonly Option<string?> _pgVersion = new("--pg-version") { Description = "Restart only members running an older PostgreSQL" };
    private readonly Option<bool> _pending = new("--pending") { Description = "Restart only members that need it (pending restart)" };
    private readonly Option<int?> _timeout = new("--timeout") { Description = "Seconds to wait for the start" };

    public RestartCommand() : base("restart", "Restart PostgreSQL on cluster members")
    {
        _target.AddTo(this);
        Options.Add(_any);
        Options.Add(_scheduled);
        Options.Add(_pgVersion);
        Options.Add(_pending);
        Options.Add(_timeout);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        using ClusterSession session = _target.Open(parse);
        ClusterView view = await session.ReadExistingAsync(ct);
        IReadOnlyList<Member> members = _target.Select(parse, view);
        bool force = parse.GetValue(_target.Force);
        if (parse.GetValue(_pending))
        {
            members = members.Where(m => m.PendingRestart).ToList();
            if (members.Count == 0)
            {
                output.WriteLine("No member has a pending restart");
                return ExitCodes.Success;
            }
        }
        if (parse.GetValue(_any))
        {
            members = [members[Random.Shared.Next(members.Count)]];
        }
        var prompt = Prompt.Console(output);
        string when = parse.GetValue(_scheduled) ?? (force ? "now" : prompt.Ask("When should the restart take place (e.g. 2025-01-31T14:00)", "now"));
        string? version = parse.GetValue(_pgVersion) ?? (force ? null : prompt.Ask("Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)", "") is { Length: > 0 } v ? v : null);
        if (!force && !prompt.Confirm($"Are you sure you want to restart members {string.Join(", ", members.Select(m => m.Name))}?"))
        {
            throw new PghaException("Aborted", ExitCodes.Failure);
        }
        string body = Body(when, version, parse.GetValue(_pending), parse.GetValue(_timeout));
        int failures = 0;
        foreach (Member member in members)
        {
            if (force && when != "now")
            {
                await session.Api.SendAsync(member, HttpMethod.Delete, "/restart", null, ct);
            }
            ApiReply reply = await session.Api.SendAsync(member, HttpMethod.Post, "/restart", body, ct);
            (string line, bool ok) = reply.Status switch
            {
                200 => ($"Success: restart on member {member.Name}", true),
                202 => ($"Success: restart scheduled on member {member.Name}", true),
                409 => ($"Failed: another restart is already scheduled on member {member.Name}", false),
                _ => ($"Failed: restart for member {member.Name}, status code={reply.Status}, ({reply.Text})", false),
            };
            output.WriteLine(line);
            failures += ok ? 0 : 1;
        }
        return failures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Body(string when, string? version, bool pending, int? timeout)
    {
        var body = new JsonObject();
        if (when != "now")
        {
            if (!SwitchoverBody.HasZone(when) || !DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at))
            {
                throw new PghaException($"--scheduled {when}: not an ISO 8601 time with a zone; write e.g. 2025-01-31T14:00:00+00:00", ExitCodes.Usage);
            }
            body["schedule"] = at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }
        if (version is not null)
        {
            body["postgres_version"] = version;
        }
        if (pending)
        {
            body["restart_pending"] = true;
        }
        if (timeout is { } t)
        {
            body["timeout"] = t;
        }
        return body.ToJsonString();
    }
}

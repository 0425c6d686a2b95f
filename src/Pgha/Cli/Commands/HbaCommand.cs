using System.CommandLine;
using System.Text.Json.Nodes;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Core.Hba;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha hba list|add|remove</c>: edit <c>postgresql.pg_hba</c> in the dynamic config by merging, never by
/// replacing: every existing rule is kept in order (the first edit starts from the leader's own pg_hba.conf), the
/// new rule is validated and refused if it duplicates one, the diff is shown, then every member reloads.
/// </summary>
public sealed class HbaCommand : Command
{
    public HbaCommand() : base("hba", "List, add or remove pg_hba rules without losing any")
    {
        Subcommands.Add(new HbaVerb("list", "Show the pg_hba rules in force, numbered"));
        Subcommands.Add(new HbaVerb("add", "Add one rule (validated; duplicates refused)"));
        Subcommands.Add(new HbaVerb("remove", "Remove one rule, by number or text"));
    }

    private sealed class HbaVerb : Command
    {
        private readonly ClusterOptions _cluster = new();
        private readonly Argument<string> _rule = new("rule") { Description = "The rule, e.g. \"host app alice 10.0.0.0/8 scram-sha-256\" (remove: or its number)" };
        private readonly Option<int?> _position = new("--position") { Description = "1-based place of the new rule (default: last)" };
        private readonly Option<bool> _force = new("--force") { Description = "Do not ask for confirmation" };

        public HbaVerb(string name, string description) : base(name, description)
        {
            _cluster.AddTo(this);
            if (name != "list")
            {
                Arguments.Add(_rule);
                Options.Add(_force);
            }
            if (name == "add")
            {
                Options.Add(_position);
            }
            SetAction((parse, ct) => RunAsync(parse, ct));
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            using ClusterSession session = _cluster.Open(parse, null);
            ClusterView view = await session.ReadExistingAsync(ct);
            JsonObject before = ConfigUpdate.Current(view);
            IReadOnlyList<string> existing = await CurrentAsync(session, view, before, ct);
            if (Name == "list")
            {
                output.WriteLine(TextTable.Render(null, ["#", "Rule"], existing.Select((l, i) => (IReadOnlyList<string>)[$"{i + 1}", l]).ToList(), new HashSet<int> { 0 }));
                return ExitCodes.Success;
            }
            string rule = parse.GetValue(_rule)!;
            (IReadOnlyList<string>? lines, string? error) = Name == "add" ? HbaEdit.Add(existing, rule, parse.GetValue(_position)) : HbaEdit.Remove(existing, rule);
            if (lines is null)
            {
                throw new PghaException($"hba {Name} refused, nothing written: {error}", ExitCodes.Failure);
            }
            var after = (JsonObject)before.DeepClone();
            if (after["postgresql"] is not JsonObject pg)
            {
                after["postgresql"] = pg = [];
            }
            pg["pg_hba"] = new JsonArray(lines.Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
            output.Write(UnifiedDiff.Render(string.Join('\n', existing) + "\n", string.Join('\n', lines) + "\n", "pg_hba (before)", "pg_hba (after)"));
            if (!parse.GetValue(_force) && !Prompt.Console(output).Confirm("Apply these changes?"))
            {
                throw new PghaException("Aborted", ExitCodes.Failure);
            }
            if (!await new ConfigUpdate(session.Store, session.Target.PgUser, session.Target.PgPassword).WriteAsync(view, after, ct))
            {
                throw new PghaException("Config modification aborted due to concurrent changes; run the command again", ExitCodes.Failure);
            }
            output.WriteLine("Configuration changed");
            await ReloadAllAsync(session, view, output, ct);
            return ExitCodes.Success;
        }

        /// <summary>The DCS list when there is one; else the leader's loaded pg_hba.conf, so the first edit loses nothing.</summary>
        private static async Task<IReadOnlyList<string>> CurrentAsync(ClusterSession session, ClusterView view, JsonObject config, CancellationToken ct)
        {
            if (config["postgresql"]?["pg_hba"] is JsonArray list)
            {
                return list.Select(ConfigCheck.Text).ToList();
            }
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    Member leader = view.LeaderMember ?? throw new PghaException("the cluster has no leader to read pg_hba.conf from; try again when it has one", ExitCodes.Unavailable);
                    return await PgHbaReader.ReadAsync(leader, session.Target.PgUser, session.Target.PgPassword, ct);
                }
                catch (PghaException) when (attempt < 10)
                {
                    // A leader change under way: read again rather than start from an incomplete list.
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                    view = await session.ReadAsync(ct);
                }
            }
        }

        private static async Task ReloadAllAsync(ClusterSession session, ClusterView view, TextWriter output, CancellationToken ct)
        {
            foreach (Member member in view.Members.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                ApiReply reply = await session.Api.SendAsync(member, HttpMethod.Post, "/reload", null, ct);
                output.WriteLine(reply.Status == 202
                    ? $"Reload request received for member {member.Name} and will be processed within {Math.Max(1, SwitchoverCheck.Config(view).LoopWait)} seconds"
                    : $"Failed: reload for member {member.Name}, status code={reply.Status}, ({reply.Text})");
            }
        }
    }
}

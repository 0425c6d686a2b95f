using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pgha.Cli.Gen;
using Pgha.Core.Planning;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha plan [inventory] | --pg N --etcd N [--colocated]</c>: what the layout survives and how to fix
/// a weak one. Exits 1 when a single host loss, any host, loses etcd quorum.
/// </summary>
public sealed class PlanCommand : Command
{
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    private readonly Argument<string?> _inventory = new("inventory") { Description = "Inventory YAML (see pgha init)", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<int?> _pg = new("--pg") { Description = "Number of PostgreSQL hosts (instead of an inventory)" };
    private readonly Option<int?> _etcd = new("--etcd") { Description = "Number of etcd members (instead of an inventory)" };
    private readonly Option<bool> _colocated = new("--colocated") { Description = "Run etcd on the PostgreSQL hosts first" };
    private readonly Option<bool> _json = new("--json") { Description = "Print the plan as JSON" };

    public PlanCommand() : base("plan", "Size the etcd quorum: tolerated host and failure-domain losses, the limiting component, fixes")
    {
        Arguments.Add(_inventory);
        Options.Add(_pg);
        Options.Add(_etcd);
        Options.Add(_colocated);
        Options.Add(_json);
        SetAction(parse =>
        {
            QuorumPlan plan = QuorumPlanner.Plan(InventoryFrom(parse));
            TextWriter output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(_json))
            {
                output.WriteLine(ToJson(plan).ToJsonString(s_json));
            }
            else
            {
                output.Write(QuorumPlanText.Render(plan));
            }
            return plan.LosesQuorumOnSingleHostLoss ? ExitCodes.Failure : ExitCodes.Success;
        });
    }

    /// <summary>Built as a JSON tree, not serialized by reflection: the published binary is NativeAOT.</summary>
    private static JsonObject ToJson(QuorumPlan plan) => new()
    {
        ["etcd_members"] = new JsonArray(plan.EtcdMembers.Select(m => (JsonNode?)m).ToArray()),
        ["quorum"] = plan.Quorum,
        ["tolerated_etcd_failures"] = plan.ToleratedEtcdFailures,
        ["postgres_nodes"] = plan.PostgresNodes,
        ["tolerated_host_failures"] = plan.ToleratedHostFailures,
        ["failure_domains"] = plan.FailureDomains,
        ["tolerated_domain_losses"] = plan.ToleratedDomainLosses,
        ["limiting_component"] = plan.LimitingComponent,
        ["loses_quorum_on_single_host_loss"] = plan.LosesQuorumOnSingleHostLoss,
        ["warnings"] = new JsonArray(plan.Warnings.Select(w => (JsonNode?)new JsonObject { ["problem"] = w.Problem, ["fix"] = w.Fix }).ToArray()),
    };

    private Inventory InventoryFrom(ParseResult parse)
    {
        string? path = parse.GetValue(_inventory);
        int? pg = parse.GetValue(_pg);
        int? etcd = parse.GetValue(_etcd);
        if (path is not null)
        {
            return pg is null && etcd is null
                ? InventoryFile.Load(path)
                : throw new PghaException("give either an inventory file or --pg/--etcd, not both", ExitCodes.Usage);
        }
        if (pg is null || etcd is null || pg < 1 || etcd < 1)
        {
            throw new PghaException("give an inventory file, or both --pg N and --etcd N (each at least 1), e.g. pgha plan --pg 3 --etcd 5", ExitCodes.Usage);
        }
        return InventoryFromCounts.Build(pg.Value, etcd.Value, parse.GetValue(_colocated));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pgha.Core.Verify;

/// <summary>
/// <c>pgha verify --json</c>, parsed by the fault suite; wire format: never rename a field. Times are ISO 8601 UTC,
/// durations are seconds (double).
/// <code>
/// run_id, writers, duration_s, table, seed (null unless random), synchronous_mode (bool), mode_source,
/// maximum_lag_on_failover (bytes or null),
/// acknowledged, lost, unknown, unknown_found (counts), lost_writes: [{value, writer, server, timeline, sent_at, acked_at}],
/// split_brain (count: pairs plus 1 if several primaries at the end),
/// split_brains: [{first, second, before, between, after}] (terms are "host:port/timeline", writes are values),
/// final_primary (host:port or null), primaries_at_end: [host:port], unread_nodes: [{server, problem}],
/// failovers_seen, failovers: [{from, to, at}],
/// outage_max_s, outage_median_s (null without faults), faults: [{name, detail, started_at, healed_at, outage_s, recovered}],
/// passed (bool), failures: [string]
/// </code>
/// </summary>
public static class VerifyReportJson
{
    public static string Render(VerifyReport report, VerifyRunInfo info)
    {
        IReadOnlyList<string> failures = report.Failures(info.SynchronousMode);
        var json = new JsonObject
        {
            ["run_id"] = info.RunId,
            ["writers"] = info.Writers,
            ["duration_s"] = info.Duration.TotalSeconds,
            ["table"] = info.Table,
            ["seed"] = info.Seed,
            ["synchronous_mode"] = info.SynchronousMode,
            ["mode_source"] = info.ModeSource,
            ["maximum_lag_on_failover"] = info.MaximumLagOnFailover,
            ["acknowledged"] = report.Acknowledged,
            ["lost"] = report.Lost.Count,
            ["unknown"] = report.Unknown,
            ["unknown_found"] = report.UnknownFound,
            ["lost_writes"] = Array(report.Lost.Select(Write)),
            ["split_brain"] = report.SplitBrains.Count + (report.PrimariesAtEnd.Count > 1 ? 1 : 0),
            ["split_brains"] = Array(report.SplitBrains.Select(b => new JsonObject
            {
                ["first"] = Term(b.First),
                ["second"] = Term(b.Second),
                ["before"] = b.Before.Value,
                ["between"] = b.Between.Value,
                ["after"] = b.After.Value,
            })),
            ["final_primary"] = report.FinalPrimary,
            ["primaries_at_end"] = Array(report.PrimariesAtEnd.Select(p => JsonValue.Create(p))),
            ["unread_nodes"] = Array(report.UnreadNodes.Select(n => new JsonObject { ["server"] = n.Server, ["problem"] = n.Problem })),
            ["failovers_seen"] = report.Failovers.Count,
            ["failovers"] = Array(report.Failovers.Select(f => new JsonObject { ["from"] = Term(f.From), ["to"] = Term(f.To), ["at"] = f.FirstAckAt.UtcDateTime })),
            ["outage_max_s"] = report.MaxOutage?.TotalSeconds,
            ["outage_median_s"] = report.MedianOutage?.TotalSeconds,
            ["faults"] = Array(report.Outages.Select(o => new JsonObject
            {
                ["name"] = o.Fault.Name,
                ["detail"] = o.Fault.Detail,
                ["started_at"] = o.Fault.StartedAt.UtcDateTime,
                ["healed_at"] = o.Fault.HealedAt?.UtcDateTime,
                ["outage_s"] = o.Outage.TotalSeconds,
                ["recovered"] = o.Recovered,
            })),
            ["passed"] = failures.Count == 0,
            ["failures"] = Array(failures.Select(f => JsonValue.Create(f))),
        };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Write(AckedWrite w) => new()
    {
        ["value"] = w.Value,
        ["writer"] = w.Writer,
        ["server"] = w.Server,
        ["timeline"] = w.Timeline,
        ["sent_at"] = w.SentAt.UtcDateTime,
        ["acked_at"] = w.AckedAt.UtcDateTime,
    };

    private static string Term(PrimaryTerm t) => $"{t.Server}/{t.Timeline}";

    private static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);
}

using System.Globalization;
using System.Text.Json.Nodes;
using Pgha.Core.Planning;
using Pgha.Etcd;

namespace Pgha.Operations;

/// <summary>
/// <c>pgha etcd status|members</c> over etcd's v3 JSON gateway, the same HTTP API the agent uses (no gRPC stack in the
/// binary): the member list comes from the first endpoint that answers; then every member is asked for its status,
/// and one that does not answer within 2 s counts as down.
/// </summary>
public sealed class EtcdStatusOperation
{
    public static readonly TimeSpan MemberTimeout = TimeSpan.FromSeconds(2);

    public async Task<EtcdClusterReport> RunAsync(IReadOnlyList<string> endpoints, CancellationToken ct)
    {
        IReadOnlyList<string> urls = endpoints.Select(Normalize).ToList();
        if (urls.Count == 0)
        {
            throw new PghaException("no etcd endpoint given; pass --endpoints 127.0.0.1:2379 or a config whose etcd3.hosts lists one", Cli.ExitCodes.Usage);
        }
        // One call per member and no retry: a member that does not answer at once is what this command reports.
        using var etcd = new EtcdGatewayClient(urls, callTimeout: MemberTimeout);
        IReadOnlyList<EtcdMemberInfo>? members = await MemberListAsync(etcd, urls, ct);
        // Without a member list, judge by the endpoints given: each one stands for a member.
        IReadOnlyList<string> targets = members is null ? urls : members.Select(m => m.ClientUrls.FirstOrDefault() ?? $"(unstarted {m.Name})").ToList();
        EtcdEndpointStatus[] statuses = await Task.WhenAll(targets.Select(t => StatusAsync(etcd, t, ct)));
        int up = statuses.Count(s => s.IsUp);
        bool leaderSeen = statuses.Any(s => s.IsUp && s.IsLeader);
        var verdict = QuorumVerdict.Judge(members?.Count ?? urls.Count, up, leaderSeen);
        return new EtcdClusterReport(members ?? [], statuses, verdict);
    }

    private static async Task<IReadOnlyList<EtcdMemberInfo>?> MemberListAsync(EtcdGatewayClient etcd, IReadOnlyList<string> urls, CancellationToken ct)
    {
        foreach (string url in urls)
        {
            try
            {
                JsonNode response = await etcd.CallOnceAsync(url, "/v3/cluster/member/list", [], ct);
                return response["members"] is JsonArray list ? list.OfType<JsonNode>().Select(ToMember).ToList() : [];
            }
            catch (EtcdRpcException) when (!ct.IsCancellationRequested)
            {
                // This endpoint is down or unreachable: ask the next one.
            }
        }
        return null;
    }

    private static async Task<EtcdEndpointStatus> StatusAsync(EtcdGatewayClient etcd, string url, CancellationToken ct)
    {
        if (!url.StartsWith("http", StringComparison.Ordinal))
        {
            return EtcdEndpointStatus.Down(url, "member has not started yet");
        }
        try
        {
            JsonNode s = await etcd.CallOnceAsync(url, "/v3/maintenance/status", [], ct);
            ulong memberId = UInt64(s["header"]?["member_id"]);
            ulong leader = UInt64(s["leader"]);
            string? errors = s["errors"] is JsonArray e && e.Count > 0 ? string.Join("; ", e.Select(x => x?.ToString())) : null;
            return new EtcdEndpointStatus(url, Hex(memberId), s["version"]?.ToString() ?? "", EtcdJson.Int64(s["dbSize"]),
                leader == memberId && leader != 0, Bool(s["isLearner"]), EtcdJson.Int64(s["raftTerm"]), EtcdJson.Int64(s["raftIndex"]),
                EtcdJson.Int64(s["raftAppliedIndex"]), null, errors);
        }
        catch (EtcdRpcException e) when (!ct.IsCancellationRequested)
        {
            return EtcdEndpointStatus.Down(url, e.Detail);
        }
    }

    private static EtcdMemberInfo ToMember(JsonNode m) =>
        new(Hex(UInt64(m["ID"])), m["name"]?.ToString() ?? "", Strings(m["peerURLs"]), Strings(m["clientURLs"]), Bool(m["isLearner"]));

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray list ? list.Select(x => x?.ToString() ?? "").ToList() : [];

    /// <summary>The gateway writes uint64 fields (member ids) as decimal strings and omits them when zero.</summary>
    private static ulong UInt64(JsonNode? node) =>
        node is JsonValue v && ulong.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong n) ? n : 0;

    private static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue(out bool b) && b;

    private static string Hex(ulong id) => id.ToString("x16", CultureInfo.InvariantCulture);

    private static string Normalize(string endpoint) =>
        (endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : $"http://{endpoint}").TrimEnd('/');
}

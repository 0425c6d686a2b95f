using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Pgha.Core.Planning;

namespace Pgha.Operations;

/// <summary>
/// <c>pgha etcd status|members</c> through etcd's v3 JSON gateway (POST /v3/cluster/member/list and
/// /v3/maintenance/status). The member list comes from the first endpoint that answers; then every
/// member is asked for its status, and one that does not answer within 2 s counts as down.
/// </summary>
public sealed class EtcdStatusOperation(HttpClient http)
{
    public static readonly TimeSpan MemberTimeout = TimeSpan.FromSeconds(2);

    public async Task<EtcdClusterReport> RunAsync(IReadOnlyList<string> endpoints, CancellationToken ct)
    {
        IReadOnlyList<string> urls = endpoints.Select(Normalize).ToList();
        IReadOnlyList<EtcdMemberInfo>? members = await MemberListAsync(urls, ct);
        // Without a member list, judge by the endpoints given: each one stands for a member.
        IReadOnlyList<string> targets = members is null ? urls : members.Select(m => m.ClientUrls.FirstOrDefault() ?? $"(unstarted {m.Name})").ToList();
        EtcdEndpointStatus[] statuses = await Task.WhenAll(targets.Select(t => StatusAsync(t, ct)));
        int up = statuses.Count(s => s.IsUp);
        bool leaderSeen = statuses.Any(s => s.IsUp && s.IsLeader);
        var verdict = QuorumVerdict.Judge(members?.Count ?? urls.Count, up, leaderSeen);
        return new EtcdClusterReport(members ?? [], statuses, verdict);
    }

    private async Task<IReadOnlyList<EtcdMemberInfo>?> MemberListAsync(IReadOnlyList<string> urls, CancellationToken ct)
    {
        foreach (string url in urls)
        {
            JsonElement? body = await PostAsync(url, "/v3/cluster/member/list", ct);
            if (body is { } json && json.TryGetProperty("members", out JsonElement list))
            {
                return list.EnumerateArray().Select(ToMember).ToList();
            }
        }
        return null;
    }

    private async Task<EtcdEndpointStatus> StatusAsync(string url, CancellationToken ct)
    {
        if (!url.StartsWith("http", StringComparison.Ordinal))
        {
            return EtcdEndpointStatus.Down(url, "member has not started yet");
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(MemberTimeout);
            using HttpResponseMessage response = await http.PostAsJsonAsync($"{url}/v3/maintenance/status", new { }, timeout.Token);
            response.EnsureSuccessStatusCode();
            JsonElement s = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            string memberId = s.GetProperty("header").GetProperty("member_id").GetString() ?? "0";
            string leader = Text(s, "leader") ?? "0";
            return new EtcdEndpointStatus(url, Hex(memberId), Text(s, "version"), Int(s, "dbSize"), leader == memberId,
                s.TryGetProperty("isLearner", out JsonElement l) && l.GetBoolean(), Int(s, "raftTerm"), Int(s, "raftIndex"), Int(s, "raftAppliedIndex"), null);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or KeyNotFoundException && !ct.IsCancellationRequested)
        {
            return EtcdEndpointStatus.Down(url, e is OperationCanceledException ? $"no answer within {MemberTimeout.TotalSeconds:0} s" : e.Message);
        }
    }

    private async Task<JsonElement?> PostAsync(string url, string path, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(MemberTimeout);
            using HttpResponseMessage response = await http.PostAsJsonAsync(url + path, new { }, timeout.Token);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token) : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static EtcdMemberInfo ToMember(JsonElement m) => new(
        Hex(Text(m, "ID") ?? "0"),
        Text(m, "name") ?? "",
        Urls(m, "peerURLs"),
        Urls(m, "clientURLs"),
        m.TryGetProperty("isLearner", out JsonElement l) && l.GetBoolean());

    private static IReadOnlyList<string> Urls(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement list) ? list.EnumerateArray().Select(u => u.GetString() ?? "").ToList() : [];

    // The gateway writes int64 as strings and omits zero values.
    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) ? v.ToString() : null;

    private static long Int(JsonElement e, string name) => long.TryParse(Text(e, name), CultureInfo.InvariantCulture, out long v) ? v : 0;

    private static string Hex(string decimalId) => ulong.TryParse(decimalId, CultureInfo.InvariantCulture, out ulong id) ? id.ToString("x16", CultureInfo.InvariantCulture) : decimalId;

    private static string Normalize(string endpoint) =>
        (endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : $"http://{endpoint}").TrimEnd('/');
}

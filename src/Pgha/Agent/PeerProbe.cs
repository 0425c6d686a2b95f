using System.Text.Json;
using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// Asks the other members' REST APIs (<c>GET /patroni</c>) for their role and WAL position, all in parallel
/// with a short timeout, so that a leader race is decided on fresh facts. Unreachable peers are reported as such.
/// Also the failsafe exchange with peers: the round a primary runs without etcd, and the last round we accepted.
/// </summary>
public sealed class PeerProbe(HttpClient http, FailsafeRound? failsafe = null, FailsafeInbox? inbox = null)
{
    /// <summary>The last <c>POST /failsafe</c> this node accepted (null when none, or failsafe is not wired).</summary>
    public FailsafeContact? LastFailsafeContact => inbox?.Last;

    /// <summary>Primary without etcd: asks every other member of <paramref name="members"/> to accept it; null when not wired.</summary>
    public Task<FailsafeCheck?> FailsafeRoundAsync(IReadOnlyDictionary<string, string> members, CancellationToken ct) =>
        failsafe is null ? Task.FromResult<FailsafeCheck?>(null) : RunFailsafeAsync(failsafe, members, ct);

    private static async Task<FailsafeCheck?> RunFailsafeAsync(FailsafeRound round, IReadOnlyDictionary<string, string> members, CancellationToken ct) =>
        await round.RunAsync(members, ct);

    public async Task<IReadOnlyList<PeerReport>> ProbeAsync(IEnumerable<Member> members, TimeSpan timeout, CancellationToken ct)
    {
        Task<PeerReport>[] probes = members.Where(m => m.ApiUrl.Length > 0).Select(m => ProbeOneAsync(m, timeout, ct)).ToArray();
        return await Task.WhenAll(probes);
    }

    private async Task<PeerReport> ProbeOneAsync(Member member, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await http.GetAsync(member.ApiUrl, cts.Token);
            await using Stream body = await response.Content.ReadAsStreamAsync(cts.Token);
            using JsonDocument json = await JsonDocument.ParseAsync(body, cancellationToken: cts.Token);
            return Parse(member.Name, json.RootElement);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException)
        {
            return PeerReport.Unreachable(member.Name);
        }
    }

    /// <summary>Reads Patroni's /patroni JSON: a primary reports xlog.location, a replica received/replayed.</summary>
    internal static PeerReport Parse(string name, JsonElement root)
    {
        string role = root.TryGetProperty("role", out JsonElement r) ? r.GetString() ?? "" : "";
        bool inRecovery = role is not ("master" or "primary");
        long position = 0;
        if (root.TryGetProperty("xlog", out JsonElement xlog))
        {
            position = Math.Max(Long(xlog, "location"), Math.Max(Long(xlog, "received_location"), Long(xlog, "replayed_location")));
        }
        bool noFailover = root.TryGetProperty("tags", out JsonElement tags)
            && tags.TryGetProperty("nofailover", out JsonElement nf) && nf.ValueKind == JsonValueKind.True;
        // A member that cannot write its WAL does not race; if it is ahead, the others must not wait for it.
        noFailover |= root.TryGetProperty(PatroniStatusJson.WalWriteErrorField, out _);
        int timeline = root.TryGetProperty("timeline", out JsonElement tl) && tl.TryGetInt32(out int t) ? t : 0;
        bool running = root.TryGetProperty("state", out JsonElement s) && s.GetString() is "running" or "streaming";
        return new PeerReport(name, Reachable: running || !inRecovery, inRecovery, position, noFailover, timeline);
    }

    private static long Long(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long n) ? n : 0;
}

using System.Globalization;
using Etcdserverpb;
using Grpc.Core;
using Grpc.Net.Client;
using Pgha.Core.Planning;

namespace Pgha.Operations;

/// <summary>
/// <c>pgha etcd status|members</c> over etcd's gRPC API (Debian's etcd 3.4 has no JSON gateway):
/// the member list comes from the first endpoint that answers; then every member is asked for its
/// status, and one that does not answer within 2 s counts as down.
/// </summary>
public sealed class EtcdStatusOperation
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

    private static async Task<IReadOnlyList<EtcdMemberInfo>?> MemberListAsync(IReadOnlyList<string> urls, CancellationToken ct)
    {
        foreach (string url in urls)
        {
            try
            {
                using GrpcChannel channel = GrpcChannel.ForAddress(url);
                MemberListResponse response = await new Cluster.ClusterClient(channel).MemberListAsync(new MemberListRequest(), deadline: Deadline(), cancellationToken: ct);
                return response.Members.Select(m => new EtcdMemberInfo(Hex(m.ID), m.Name, m.PeerURLs.ToList(), m.ClientURLs.ToList(), m.IsLearner)).ToList();
            }
            catch (RpcException) when (!ct.IsCancellationRequested)
            {
                // This endpoint is down or unreachable: ask the next one.
            }
        }
        return null;
    }

    private static async Task<EtcdEndpointStatus> StatusAsync(string url, CancellationToken ct)
    {
        if (!url.StartsWith("http", StringComparison.Ordinal))
        {
            return EtcdEndpointStatus.Down(url, "member has not started yet");
        }
        try
        {
            using GrpcChannel channel = GrpcChannel.ForAddress(url);
            StatusResponse s = await new Maintenance.MaintenanceClient(channel).StatusAsync(new StatusRequest(), deadline: Deadline(), cancellationToken: ct);
            return new EtcdEndpointStatus(url, Hex(s.Header.MemberId), s.Version, s.DbSize, s.Leader == s.Header.MemberId && s.Leader != 0,
                s.IsLearner, (long)s.RaftTerm, (long)s.RaftIndex, (long)s.RaftAppliedIndex, null, s.Errors.Count > 0 ? string.Join("; ", s.Errors) : null);
        }
        catch (RpcException e) when (!ct.IsCancellationRequested)
        {
            string error = e.StatusCode == StatusCode.DeadlineExceeded ? $"no answer within {MemberTimeout.TotalSeconds:0} s" : e.Status.Detail;
            return EtcdEndpointStatus.Down(url, error);
        }
    }

    private static DateTime Deadline() => DateTime.UtcNow + MemberTimeout;

    private static string Hex(ulong id) => id.ToString("x16", CultureInfo.InvariantCulture);

    private static string Normalize(string endpoint) =>
        (endpoint.Contains("://", StringComparison.Ordinal) ? endpoint : $"http://{endpoint}").TrimEnd('/');
}

using System.CommandLine;
using Pgha.Core.Planning;
using Pgha.Operations;

namespace Pgha.Cli.Etcd;

/// <summary>
/// <c>pgha etcd status</c>: like <c>etcdctl endpoint status -w table</c> for every member, then the
/// verdict. Exit 0 healthy, 1 degraded, 4 lost.
/// </summary>
public sealed class EtcdStatusCommand : Command
{
    private readonly EtcdEndpointOptions _endpoints = new();

    public EtcdStatusCommand() : base("status", "Show every etcd member's status and whether the quorum holds")
    {
        _endpoints.AddTo(this);
        SetAction(parse =>
        {
            EtcdClusterReport report = EtcdEndpointOptions.Query(_endpoints.Resolve(parse));
            var rows = report.Endpoints.Select(s => (IReadOnlyList<string>)
            [
                s.Endpoint, s.Id ?? "", s.Version ?? "", s.IsUp ? $"{s.DbSize / 1024} kB" : "",
                s.IsUp ? Bool(s.IsLeader) : "", s.IsUp ? Bool(s.IsLearner) : "",
                s.IsUp ? $"{s.RaftTerm}" : "", s.IsUp ? $"{s.RaftIndex}" : "", s.IsUp ? $"{s.RaftAppliedIndex}" : "", s.Error ?? s.ServerErrors ?? "",
            ]);
            TextWriter output = parse.InvocationConfiguration.Output;
            output.Write(EtcdTable.Render(["ENDPOINT", "ID", "VERSION", "DB SIZE", "IS LEADER", "IS LEARNER", "RAFT TERM", "RAFT INDEX", "RAFT APPLIED INDEX", "ERRORS"], rows));
            output.WriteLine($"quorum {report.Verdict.Describe()}");
            return report.Verdict.State switch
            {
                QuorumState.Healthy => ExitCodes.Success,
                QuorumState.Degraded => ExitCodes.Failure,
                _ => ExitCodes.Unavailable,
            };
        });
    }

    private static string Bool(bool value) => value ? "true" : "false";
}

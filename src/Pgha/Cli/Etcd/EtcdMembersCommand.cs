using System.CommandLine;
using Pgha.Operations;

namespace Pgha.Cli.Etcd;

/// <summary><c>pgha etcd members</c>: like <c>etcdctl member list -w table</c>.</summary>
public sealed class EtcdMembersCommand : Command
{
    private readonly EtcdEndpointOptions _endpoints = new();

    public EtcdMembersCommand() : base("members", "List the etcd members, as etcdctl member list")
    {
        _endpoints.AddTo(this);
        SetAction(parse =>
        {
            EtcdClusterReport report = EtcdEndpointOptions.Query(_endpoints.Resolve(parse));
            if (report.Members.Count == 0)
            {
                throw new PghaException("no etcd endpoint answered the member list; check --endpoints and that etcd runs", ExitCodes.Unavailable);
            }
            var rows = report.Members.Zip(report.Endpoints).Select(p => (IReadOnlyList<string>)
            [
                p.First.Id, p.Second.IsUp ? "started" : "down", p.First.Name,
                string.Join(",", p.First.PeerUrls), string.Join(",", p.First.ClientUrls), p.First.IsLearner ? "true" : "false",
            ]);
            TextWriter output = parse.InvocationConfiguration.Output;
            output.Write(EtcdTable.Render(["ID", "STATUS", "NAME", "PEER ADDRS", "CLIENT ADDRS", "IS LEARNER"], rows));
            output.WriteLine($"quorum {report.Verdict.Describe()}");
            return ExitCodes.Success;
        });
    }
}

using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary>
/// <c>pgha remove CLUSTER</c>: deletes every key of the cluster from etcd after patronictl's three confirmations
/// (the cluster name, "Yes I am aware", and the leader's name while one runs). There is no --force: it is meant to be hard.
/// </summary>
public sealed class RemoveCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string> _name = new("cluster");

    public RemoveCommand() : base("remove", "Remove the cluster's keys from etcd")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        SetAction(async (parse, ct) =>
        {
            TextWriter output = parse.InvocationConfiguration.Output;
            string name = parse.GetValue(_name)!;
            using ClusterSession session = _cluster.Open(parse, name);
            ClusterView view = await session.ReadExistingAsync(ct);
            output.WriteLine(ClusterTable.Render(name, view));
            var prompt = Prompt.Console(output);
            if (prompt.Ask("Please confirm the cluster name to remove") != name)
            {
                throw new PghaException("Cluster names specified do not match", ExitCodes.Failure);
            }
            if (prompt.Ask("You are about to remove all information in DCS for " + name + ", please type: \"Yes I am aware\"") != "Yes I am aware")
            {
                throw new PghaException("You did not exactly type \"Yes I am aware\"", ExitCodes.Failure);
            }
            if (view.LeaderMember is { State: "running" } leader && prompt.Ask("This cluster currently is healthy. Please specify the leader name to continue") != leader.Name)
            {
                throw new PghaException("You did not specify the current leader of the cluster", ExitCodes.Failure);
            }
            await session.RemoveAllAsync(ct);
            output.WriteLine($"Cluster {name} removed from etcd");
            return ExitCodes.Success;
        });
    }
}

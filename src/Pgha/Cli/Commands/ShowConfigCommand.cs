using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha show-config [CLUSTER]</c>: the dynamic config from etcd, as YAML.</summary>
public sealed class ShowConfigCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };

    public ShowConfigCommand() : base("show-config", "Show the cluster's dynamic configuration")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        SetAction(async (parse, ct) =>
        {
            using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
            ClusterView view = await session.ReadExistingAsync(ct);
            parse.InvocationConfiguration.Output.Write(ConfigYaml.FromJson(view.ConfigJson ?? "{}"));
            return ExitCodes.Success;
        });
    }
}

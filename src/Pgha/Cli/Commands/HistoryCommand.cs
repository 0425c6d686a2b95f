using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha history [CLUSTER]</c>: the timeline switches recorded in the history key.</summary>
public sealed class HistoryCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string?> _name = new("cluster") { Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string> _format = FormatOption.Create();

    public HistoryCommand() : base("history", "Show the history of failovers and switchovers")
    {
        _cluster.AddTo(this);
        Arguments.Add(_name);
        Options.Add(_format);
        SetAction(async (parse, ct) =>
        {
            using ClusterSession session = _cluster.Open(parse, parse.GetValue(_name));
            ClusterView view = await session.ReadAsync(ct);
            parse.InvocationConfiguration.Output.WriteLine(HistoryTable.Render(view.History, FormatOption.Parse(parse.GetValue(_format)!)));
            return ExitCodes.Success;
        });
    }
}

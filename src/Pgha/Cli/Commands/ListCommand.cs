using System.CommandLine;
using System.Globalization;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Operations;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha list [CLUSTER...]</c> (and <c>topology</c>): the members table, as patronictl prints it.</summary>
public sealed class ListCommand : Command
{
    private readonly ClusterOptions _cluster = new();
    private readonly Argument<string[]> _clusters = new("cluster") { Description = "Cluster names (default: the config's scope)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> _extended = new("--extended", "-e") { Description = "Show every optional column" };
    private readonly Option<bool> _timestamp = new("--timestamp", "-t") { Description = "Print a timestamp before the table" };
    private readonly Option<string> _format = FormatOption.Create();
    private readonly Option<bool> _watchDefault = new("-W") { Description = "Refresh every 2 seconds until interrupted" };
    private readonly Option<double?> _watch = new("--watch", "-w") { Description = "Refresh every N seconds until interrupted" };
    private readonly Option<int?> _count = new("--count") { Description = "With -W/-w: stop after N refreshes" };
    private readonly bool _topology;

    public ListCommand(bool topology = false) : base(topology ? "topology" : "list", topology ? "Show the replication tree" : "List the members of the cluster")
    {
        _topology = topology;
        if (!topology)
        {
            Aliases.Add("ls");
        }
        _cluster.AddTo(this);
        Arguments.Add(_clusters);
        Options.Add(_extended);
        Options.Add(_timestamp);
        Options.Add(_format);
        Options.Add(_watchDefault);
        Options.Add(_watch);
        Options.Add(_count);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        double? every = parse.GetValue(_watch) ?? (parse.GetValue(_watchDefault) ? 2 : null);
        int? count = parse.GetValue(_count);
        string[] names = parse.GetValue(_clusters) is { Length: > 0 } given ? given : [null!];
        var options = new ListOptions(parse.GetValue(_extended), _topology, FormatOption.Parse(parse.GetValue(_format)!));
        for (int round = 1; ; round++)
        {
            if (parse.GetValue(_timestamp))
            {
                output.WriteLine(DateTimeOffset.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            }
            foreach (string? name in names)
            {
                using ClusterSession session = _cluster.Open(parse, name);
                ClusterView view = await session.ReadAsync(ct);
                output.WriteLine(ClusterTable.Render(session.Target.Scope, view, options));
            }
            if (every is null || (count is { } limit && round >= limit))
            {
                return ExitCodes.Success;
            }
            await Task.Delay(TimeSpan.FromSeconds(every.Value), ct);
        }
    }
}

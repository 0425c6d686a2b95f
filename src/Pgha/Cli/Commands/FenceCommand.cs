using System.CommandLine;
using Pgha.Agent;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha fence</c>: the fence process the agent starts beside itself (not for people to run).</summary>
public sealed class FenceCommand : Command
{
    private static readonly Option<string> s_dataDir = new("--data-dir") { Required = true };
    private static readonly Option<string> s_deadline = new("--deadline-file") { Required = true };
    private static readonly Option<int> s_agent = new("--agent-pid") { Required = true };

    public FenceCommand() : base("fence", "Stop a primary whose agent stopped renewing its leader key (started by the agent)")
    {
        Hidden = true;
        Options.Add(s_dataDir);
        Options.Add(s_deadline);
        Options.Add(s_agent);
        SetAction(async (parse, ct) =>
        {
            var watcher = new FenceWatcher(parse.GetValue(s_dataDir)!, parse.GetValue(s_deadline)!, parse.GetValue(s_agent), Console.Out);
            await watcher.RunAsync(ct);
            return ExitCodes.Success;
        });
    }
}

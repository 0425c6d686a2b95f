using System.CommandLine;
using Pgha.Agent;

namespace Pgha.Cli.Commands;

/// <summary><c>pgha fence</c>: the fence process the agent starts beside itself (not for people to run).</summary>
public sealed class FenceCommand : Command
{
    private static readonly Option<string> s_dataDir = new("--data-dir") { Required = true };
    private static readonly Option<string> s_deadline = new("--deadline-file") { Required = true };
    private static readonly Option<int> s_agent = new("--agent-pid") { Required = true };
    private static readonly Option<string?> s_leaseFile = new("--lease-file");
    private static readonly Option<string?> s_config = new("--config");

    public FenceCommand() : base("fence", "Stop a primary whose agent stopped renewing its leader key (started by the agent)")
    {
        Hidden = true;
        Options.Add(s_dataDir);
        Options.Add(s_deadline);
        Options.Add(s_agent);
        Options.Add(s_leaseFile);
        Options.Add(s_config);
        SetAction(async (parse, ct) =>
        {
            string dataDir = parse.GetValue(s_dataDir)!;
            (string? leaseFile, string? config) = (parse.GetValue(s_leaseFile), parse.GetValue(s_config));
            FenceRelease? release = leaseFile is not null && config is not null ? new FenceRelease(dataDir, leaseFile, config) : null;
            var watcher = new FenceWatcher(dataDir, parse.GetValue(s_deadline)!, parse.GetValue(s_agent), Console.Out, release);
            await watcher.RunAsync(ct);
            return ExitCodes.Success;
        });
    }
}

using System.CommandLine;
using Pgha.Sandbox;

namespace Pgha.Cli.Sandbox;

/// <summary><c>pgha sandbox down</c>: stops every process of the sandbox and removes its data (unless --keep).</summary>
public sealed class DownCommand : Command
{
    private static readonly Option<bool> s_keep = new("--keep") { Description = "Keep the data and configs for the next `up`" };

    public DownCommand() : base("down", "Stop the sandbox; no process is left behind")
    {
        Options.Add(s_keep);
        SetAction((parse, ct) => RunAsync(parse));
    }

    private static async Task<int> RunAsync(ParseResult parse)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        SandboxLayout layout = SandboxCommand.Layout(parse);
        SandboxState state = SandboxState.Load(layout);
        // Agents first (each stops its PostgreSQL), then any postmaster left, then etcd.
        await Task.WhenAll(state.Agents.Values.Select(pid => SandboxProcesses.StopAsync(pid, TimeSpan.FromSeconds(30))));
        foreach (string host in SandboxLayout.DatabaseHosts)
        {
            if (SandboxProcesses.PostmasterPid(layout.DataDir(host)) is int postmaster && Processes.DetachedProcess.IsAlive(postmaster))
            {
                await SandboxProcesses.StopAsync(postmaster, TimeSpan.FromSeconds(10));
            }
        }
        await Task.WhenAll(state.Etcd.Values.Select(pid => SandboxProcesses.StopAsync(pid, TimeSpan.FromSeconds(10))));
        if (parse.GetValue(s_keep))
        {
            new SandboxState().Save(layout);
            output.WriteLine($"Sandbox stopped; data kept in {layout.Root}.");
        }
        else if (Directory.Exists(layout.Root))
        {
            Directory.Delete(layout.Root, recursive: true);
            output.WriteLine($"Sandbox stopped and {layout.Root} removed.");
        }
        else
        {
            output.WriteLine("No sandbox here.");
        }
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Pgha.Processes;
using Pgha.Sandbox;

namespace Pgha.Cli.Sandbox;

/// <summary><c>pgha sandbox status</c>: which processes run, and the cluster table.</summary>
public sealed class StatusCommand : Command
{
    public StatusCommand() : base("status", "Show the sandbox's processes and cluster")
    {
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        SandboxLayout layout = SandboxCommand.Layout(parse);
        SandboxState state = SandboxState.Load(layout);
        if (state.Etcd.Count == 0 && state.Agents.Count == 0)
        {
            output.WriteLine($"No sandbox is running in {layout.Root}; start one with `pgha sandbox up`.");
            return ExitCodes.Failure;
        }
        foreach ((string host, string address, bool postgres) in SandboxLayout.Hosts)
        {
            string etcd = state.Etcd.TryGetValue(host, out int e) && DetachedProcess.IsAlive(e) ? $"etcd pid {e}" : "etcd down";
            string agent = !postgres ? "" : state.Agents.TryGetValue(host, out int a) && DetachedProcess.IsAlive(a) ? $", agent pid {a}" : ", agent down";
            output.WriteLine($"{host} {address}: {etcd}{agent}");
        }
        output.WriteLine();
        try
        {
            SandboxReport.Write(output, layout, await SandboxCluster.Reader(layout)(ct));
        }
        catch (Agent.DcsUnavailableException e)
        {
            output.WriteLine($"etcd is not reachable: {e.Message}");
        }
        return ExitCodes.Success;
    }
}

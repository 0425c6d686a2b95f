using System.CommandLine;
using Pgha.Core.Cluster;
using Pgha.Core.Generation;
using Pgha.Processes;
using Pgha.Sandbox;

namespace Pgha.Cli.Sandbox;

/// <summary><c>pgha sandbox up</c>: writes configs, starts etcd and the agents, waits until healthy, prints how to connect.</summary>
public sealed class UpCommand : Command
{
    private static readonly Option<string> s_profile = new("--profile") { Description = "Timing profile: tutorial (ttl 30, loop_wait 10, retry_timeout 10) or fast (ttl 6, loop_wait 1, retry_timeout 2)", DefaultValueFactory = _ => "tutorial" };
    private static readonly Option<int> s_timeout = new("--timeout") { Description = "Seconds to wait for a healthy cluster", DefaultValueFactory = _ => 300 };

    public UpCommand() : base("up", "Start the sandbox cluster and wait until it is healthy")
    {
        Options.Add(s_profile);
        Options.Add(s_timeout);
        SetAction((parse, ct) => RunAsync(parse, ct));
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        SandboxLayout layout = SandboxCommand.Layout(parse);
        TimingProfile timing = TimingProfiles.Parse(parse.GetValue(s_profile)!);
        SandboxState state = SandboxState.Load(layout);
        if (state.Etcd.Values.Concat(state.Agents.Values).Any(DetachedProcess.IsAlive))
        {
            output.WriteLine($"The sandbox in {layout.Root} is already running; `pgha sandbox status` shows it, `pgha sandbox down` stops it.");
            return ExitCodes.Success;
        }
        SandboxSecrets secrets = SandboxSecrets.LoadOrCreate(layout);
        SandboxDeployment.WriteConfigs(layout, secrets, timing);
        SandboxPgpass.Write(layout, secrets);
        var processes = new SandboxProcesses(layout);
        output.WriteLine($"Starting etcd on {string.Join(", ", SandboxLayout.Hosts.Select(h => h.Address))} ...");
        foreach ((string host, _, _) in SandboxLayout.Hosts)
        {
            state.Etcd[host] = processes.StartEtcd(host);
        }
        state.Save(layout);
        output.WriteLine($"Starting pgha agents on {string.Join(", ", SandboxLayout.DatabaseHosts.Select(SandboxLayout.AddressOf))} ...");
        foreach (string host in SandboxLayout.DatabaseHosts)
        {
            state.Agents[host] = processes.StartAgent(host);
            state.Save(layout);
        }
        var waiter = new SandboxWaiter(SandboxCluster.Reader(layout), output);
        ClusterView? view = await waiter.WaitHealthyAsync(replicas: 2, TimeSpan.FromSeconds(parse.GetValue(s_timeout)), ct);
        if (view is null)
        {
            throw new PghaException($"the sandbox did not become healthy in time; see the logs under {layout.Root}/*/log and `pgha sandbox status`", ExitCodes.Failure);
        }
        output.WriteLine();
        SandboxReport.Write(output, layout, view);
        return ExitCodes.Success;
    }
}

using System.CommandLine;
using System.Diagnostics;
using Pgha.Cli;
using Pgha.Core.Generation;
using Pgha.Core.Planning;
using Pgha.Operations;

namespace Pgha.IntegrationTests.Deploy;

/// <summary>The five generated etcd YAML configs start a real cluster, and pgha etcd status judges its quorum.</summary>
public sealed class GeneratedEtcdClusterTests : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly string _dir = Path.Combine("/tmp", $"pgha-test-deploy-etcd-{Guid.NewGuid():N}");
    private readonly DeployProcessGuard _guard = new();

    [Fact]
    public async Task Generated_etcd_configs_form_a_quorum_that_degrades_after_two_losses_and_is_lost_after_three()
    {
        (Inventory inventory, GenerationOptions options) = LoopbackDeployment();
        var members = new List<Process>();
        foreach (InventoryHost host in inventory.EtcdHosts)
        {
            string config = Path.Combine(_dir, $"{host.Name}.yaml");
            File.WriteAllText(config, DeploymentGenerator.EtcdYaml(inventory, host.Name, options));
            members.Add(_guard.Start("/usr/bin/etcd", "--config-file", config));
        }
        string[] endpoints = inventory.EtcdHosts.Select(h => $"{h.Address}:2379").ToArray();

        EtcdClusterReport healthy = await WaitForAsync(endpoints, QuorumState.Healthy, "all five members are up with a leader");
        Assert.Single(healthy.Endpoints, e => e.IsLeader);
        Assert.Equal(5, healthy.Members.Count);
        (int exitCode, string output) = RunCli("etcd", "status", "--endpoints", string.Join(",", endpoints));
        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("quorum healthy: 5 of 5 members up, quorum 3, survives 2 losses", output);

        DeployProcessGuard.Kill(members[0]);
        DeployProcessGuard.Kill(members[1]);
        EtcdClusterReport degraded = await WaitForAsync(endpoints, QuorumState.Degraded, "three members remain with a leader");
        Assert.Equal(0, degraded.Verdict.MoreLossesSurvivable);
        Assert.Equal(3, degraded.Verdict.Up);

        DeployProcessGuard.Kill(members[2]);
        EtcdClusterReport lost = await WaitForAsync(endpoints, QuorumState.Lost, "two members cannot form a quorum");
        Assert.Equal(2, lost.Verdict.Up);
        (int lostExit, string lostOutput) = RunCli("etcd", "status", "--endpoints", string.Join(",", endpoints));
        Assert.Equal(ExitCodes.Unavailable, lostExit);
        Assert.Contains("quorum lost: 2 of 5 members up", lostOutput);
    }

    private (Inventory, GenerationOptions) LoopbackDeployment()
    {
        Directory.CreateDirectory(_dir);
        Inventory inventory = InventoryFromCounts.Build(3, 5, colocated: true);
        inventory = inventory with
        {
            EtcdToken = $"pgha-test-{Guid.NewGuid():N}",
            Hosts = inventory.Hosts.Select((h, i) => h with { Address = $"127.0.64.{10 + i}" }).ToList(),
        };
        var options = new GenerationOptions
        {
            Secrets = new DeploymentSecrets("a", "b", "c"),
            ListenOnAllInterfaces = false,
            ConnectByHostName = false,
            Paths = new PathLayout { EtcdDataDir = Path.Combine(_dir, "{host}", "etcd") },
        };
        return (inventory, options);
    }

    private Task<EtcdClusterReport> WaitForAsync(string[] endpoints, QuorumState state, string because) =>
        DeployWait.UntilAsync(
            () => new EtcdStatusOperation().RunAsync(endpoints, CancellationToken.None),
            // Under load a member list can miss its 2 s deadline while every status answers: wait for one that did not.
            r => r.Verdict.State == state && (state != QuorumState.Healthy || r.Members.Count > 0),
            s_timeout,
            because);

    private static (int ExitCode, string Output) RunCli(params string[] args)
    {
        var output = new StringWriter();
        int exitCode = PghaRootCommand.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = output });
        return (exitCode, output.ToString());
    }

    public void Dispose()
    {
        _guard.Dispose();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

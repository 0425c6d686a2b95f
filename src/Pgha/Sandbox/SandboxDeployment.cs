using Pgha.Core.Generation;
using Pgha.Core.Planning;

namespace Pgha.Sandbox;

/// <summary>
/// The sandbox's cluster as an inventory, rendered through the same generator as <c>pgha gen</c>: one code path
/// for real deployments and the sandbox. Only the paths (one folder per host) and addresses differ.
/// </summary>
public static class SandboxDeployment
{
    public static Inventory Inventory() => new()
    {
        Scope = SandboxLayout.Scope,
        Namespace = SandboxLayout.Namespace,
        Stanza = SandboxLayout.Namespace,
        EtcdToken = "pgha-sandbox",
        Hosts = SandboxLayout.Hosts
            .Select(h => new InventoryHost(h.Name, h.Address, FailureDomain: null, RunsPostgres: h.Postgres, RunsEtcd: true, RunsRepository: false))
            .ToList(),
    };

    public static GenerationOptions Options(SandboxLayout layout, SandboxSecrets secrets, TimingProfile timing) => new()
    {
        Paths = PathLayout.OneMachine(layout.Root),
        Secrets = new DeploymentSecrets(secrets.Superuser, secrets.Replication, secrets.Rewind),
        Timing = timing,
        ConnectByHostName = false,
        ListenOnAllInterfaces = false,
    };

    /// <summary>Writes every host's generated files (agent, etcd, secrets) into its folder.</summary>
    public static void WriteConfigs(SandboxLayout layout, SandboxSecrets secrets, TimingProfile timing)
    {
        IReadOnlyList<GeneratedFile> files = DeploymentGenerator.Generate(Inventory(), Options(layout, secrets, timing));
        foreach ((string host, _, _) in SandboxLayout.Hosts)
        {
            Operations.HostConfigWriter.Write(files, host, layout.ConfigDir(host), "postgres");
            Directory.CreateDirectory(layout.LogDir(host));
        }
    }
}

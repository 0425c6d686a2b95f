using Pgha.Core.Planning;

namespace Pgha.Core.Generation;

/// <summary>
/// Every file of a deployment, from an inventory. This is the one code path for <c>pgha gen</c> and
/// <c>pgha sandbox</c>; it is pure (passwords come in through <see cref="GenerationOptions.Secrets"/>).
/// <para>API:</para>
/// <list type="bullet">
/// <item><c>InventoryParser.Parse(yaml, path)</c> → <c>InventoryParseResult(Inventory?, Errors)</c>;
/// or build an <see cref="Inventory"/> directly (the sandbox: hosts 127.0.50.10..14, etcd on all,
/// PostgreSQL on .10-.12).</item>
/// <item><see cref="Generate"/> → every <see cref="GeneratedFile"/>: per host in its folder
/// (etcd.yaml, etcd.env, etcd.service; pgha.yaml, pgha.service, secrets.env,
/// pgpass.postgres; pgbackrest.conf; hosts), and cluster-wide files with Host "" (secrets.env,
/// docker-compose.yml and deploy.sh when the addresses share one /24).</item>
/// <item><see cref="AgentYaml"/> and <see cref="EtcdYaml"/>: the single way to get one host's agent or
/// etcd config; <see cref="Generate"/> calls them too.</item>
/// </list>
/// For one machine with many hosts (the sandbox) set <c>ListenOnAllInterfaces = false</c>,
/// <c>ConnectByHostName = false</c>, and a <see cref="PathLayout"/> with <c>{host}</c> in each path.
/// </summary>
public static class DeploymentGenerator
{
    public static IReadOnlyList<GeneratedFile> Generate(Inventory inventory, GenerationOptions options)
    {
        var files = new List<GeneratedFile>
        {
            new("", "secrets.env", SecretsRenderer.RenderEnvironment(options.Secrets, inventory.Scope), IsSecret: true, IsExecutable: false),
        };
        foreach (InventoryHost host in inventory.Hosts)
        {
            files.AddRange(ForHost(inventory, host, options));
        }
        string? subnet = DockerLayout.Subnet(inventory);
        if (subnet is not null)
        {
            files.Add(new("", "docker-compose.yml", ComposeRenderer.Render(inventory, options, subnet), false, false));
            files.Add(new("", "deploy.sh", DeployScriptRenderer.Render(inventory, options, subnet), false, true));
        }
        return files;
    }

    /// <summary>The agent config (Patroni's schema) of one database host.</summary>
    public static string AgentYaml(Inventory inventory, string hostName, GenerationOptions options) =>
        AgentConfigRenderer.Render(inventory, inventory.Host(hostName), options);

    /// <summary>The <c>etcd --config-file</c> YAML of one etcd host.</summary>
    public static string EtcdYaml(Inventory inventory, string hostName, GenerationOptions options) =>
        EtcdConfigRenderer.RenderYaml(EtcdMemberSettings.For(inventory, inventory.Host(hostName), options), inventory.Scope);

    private static IEnumerable<GeneratedFile> ForHost(Inventory inventory, InventoryHost host, GenerationOptions options)
    {
        string h = host.Name;
        if (host.RunsEtcd)
        {
            EtcdMemberSettings etcd = EtcdMemberSettings.For(inventory, host, options);
            yield return new(h, "etcd.yaml", EtcdYaml(inventory, h, options), false, false);
            yield return new(h, "etcd.env", EtcdConfigRenderer.RenderEnvironment(etcd, inventory.Scope), false, false);
            yield return new(h, "etcd.service", SystemdUnitRenderer.RenderEtcd(inventory, host, options), false, false);
        }
        if (host.RunsPostgres)
        {
            yield return new(h, "pgha.yaml", AgentYaml(inventory, h, options), IsSecret: true, IsExecutable: false);
            yield return new(h, "pgha.service", SystemdUnitRenderer.RenderAgent(inventory, host, options), false, false);
            yield return new(h, "secrets.env", SecretsRenderer.RenderEnvironment(options.Secrets, inventory.Scope), IsSecret: true, IsExecutable: false);
            yield return new(h, "pgpass.postgres", SecretsRenderer.RenderPgpass(inventory, options.Secrets, options), IsSecret: true, IsExecutable: false);
            if (inventory.RepositoryHost is not null)
            {
                yield return new(h, "pgbackrest.conf", PgbackrestConfRenderer.RenderDatabase(inventory, host, options), false, false);
            }
        }
        if (host.RunsRepository)
        {
            yield return new(h, "pgbackrest.conf", PgbackrestConfRenderer.RenderRepository(inventory, options), false, false);
            yield return new(h, "pgpass.postgres", SecretsRenderer.RenderPgpass(inventory, options.Secrets, options), IsSecret: true, IsExecutable: false);
        }
        yield return new(h, "hosts", HostsFileRenderer.Render(inventory), false, false);
    }
}

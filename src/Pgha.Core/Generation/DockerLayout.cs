using System.Net;
using System.Net.Sockets;
using Pgha.Core.Planning;

namespace Pgha.Core.Generation;

/// <summary>
/// The docker form of a deployment: one network whose /24 holds every host's address, and host ports
/// offset by the host's position (15432+i, 18008+i, 12379+i) so that no two containers collide.
/// </summary>
public static class DockerLayout
{
    public const string Network = "pghanet";

    /// <summary>The network's subnet, or null when the addresses do not share one non-loopback IPv4 /24.</summary>
    public static string? Subnet(Inventory inventory)
    {
        var prefixes = new HashSet<string>();
        foreach (InventoryHost host in inventory.Hosts)
        {
            if (!IPAddress.TryParse(host.Address, out IPAddress? ip) || ip.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(ip))
            {
                return null;
            }
            byte[] b = ip.GetAddressBytes();
            prefixes.Add($"{b[0]}.{b[1]}.{b[2]}");
        }
        return prefixes.Count == 1 ? $"{prefixes.First()}.0/24" : null;
    }

    public static IReadOnlyList<DockerContainer> Containers(Inventory inventory, GenerationOptions options)
    {
        var containers = new List<DockerContainer>();
        for (int i = 0; i < inventory.Hosts.Count; i++)
        {
            InventoryHost host = inventory.Hosts[i];
            string configDir = options.Paths.For(host.Name).ConfigDir;
            var ports = new List<(int, int)>();
            if (host.RunsPostgres)
            {
                ports.Add((15432 + i, options.Ports.Postgres));
                ports.Add((18008 + i, options.Ports.RestApi));
            }
            if (host.RunsEtcd)
            {
                ports.Add((12379 + i, options.Ports.EtcdClient));
            }
            containers.Add(new DockerContainer(host.Name, host.Address, HostAddressing.Aliases(inventory, host), ports, configDir, Command(host, configDir)));
        }
        return containers;
    }

    private static string Command(InventoryHost host, string configDir)
    {
        string etcd = $"etcd --config-file {configDir}/etcd.yaml";
        string agent = $"pgha agent {configDir}/pgha.yaml";
        return (host.RunsEtcd, host.RunsPostgres) switch
        {
            (true, true) => $"{etcd} & exec {agent}",
            (true, false) => $"exec {etcd}",
            (false, true) => $"exec {agent}",
            _ => "exec sleep infinity",
        };
    }
}

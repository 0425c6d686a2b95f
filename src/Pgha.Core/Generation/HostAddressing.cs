using Pgha.Core.Planning;

namespace Pgha.Core.Generation;

/// <summary>How hosts and etcd members are named and reached in generated files.</summary>
internal static class HostAddressing
{
    public const string RepositoryAlias = "pgbackrest1";

    /// <summary>etcd1.. in the order etcd hosts appear in the inventory.</summary>
    public static string EtcdAlias(Inventory inventory, InventoryHost host) =>
        $"etcd{inventory.EtcdHosts.ToList().FindIndex(h => h.Name == host.Name) + 1}";

    public static string EtcdMemberName(Inventory inventory, InventoryHost host, GenerationOptions options) =>
        options.EtcdNames == EtcdNaming.Alias ? EtcdAlias(inventory, host) : host.Name;

    /// <summary>What other hosts use to reach this one: its name or its address.</summary>
    public static string Reach(InventoryHost host, GenerationOptions options) =>
        options.ConnectByHostName ? host.Name : UrlHost(host.Address);

    /// <summary>An address as it appears in a URL or host:port (IPv6 in brackets).</summary>
    public static string UrlHost(string address) => address.Contains(':', StringComparison.Ordinal) ? $"[{address}]" : address;

    public static string Bind(InventoryHost host, GenerationOptions options) =>
        options.ListenOnAllInterfaces ? "0.0.0.0" : UrlHost(host.Address);

    public static string EtcdClientHosts(Inventory inventory, GenerationOptions options) =>
        string.Join(",", inventory.EtcdHosts.Select(h => $"{Reach(h, options)}:{options.Ports.EtcdClient}"));

    /// <summary>Aliases a host answers to besides its name, for /etc/hosts and docker.</summary>
    public static IReadOnlyList<string> Aliases(Inventory inventory, InventoryHost host)
    {
        var aliases = new List<string>();
        if (host.RunsEtcd)
        {
            aliases.Add(EtcdAlias(inventory, host));
        }
        if (host.RunsRepository)
        {
            aliases.Add(RepositoryAlias);
        }
        return aliases;
    }
}

using Pgha.Core.Planning;

namespace Pgha.Core.Generation;

/// <summary>One etcd member's settings, rendered as YAML (<c>--config-file</c>) or as an environment file (systemd).</summary>
public sealed record EtcdMemberSettings(
    string Name,
    string InitialCluster,
    string Token,
    string DataDir,
    string PeerUrl,
    string ListenClientUrls,
    string AdvertiseClientUrl)
{
    public static EtcdMemberSettings For(Inventory inventory, InventoryHost host, GenerationOptions options)
    {
        PortLayout ports = options.Ports;
        // Peer and client URLs carry addresses, not names: etcd binds to them and they must resolve at startup.
        string peers = string.Join(",", inventory.EtcdHosts.Select(h =>
            $"{HostAddressing.EtcdMemberName(inventory, h, options)}=http://{HostAddressing.UrlHost(h.Address)}:{ports.EtcdPeer}"));
        string address = HostAddressing.UrlHost(host.Address);
        string clientUrl = $"http://{address}:{ports.EtcdClient}";
        return new EtcdMemberSettings(
            HostAddressing.EtcdMemberName(inventory, host, options),
            peers,
            inventory.EtcdToken,
            options.Paths.For(host.Name).EtcdDataDir,
            $"http://{address}:{ports.EtcdPeer}",
            options.ListenOnAllInterfaces ? $"{clientUrl},http://localhost:{ports.EtcdClient}" : clientUrl,
            clientUrl);
    }
}

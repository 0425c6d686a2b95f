namespace Pgha.Core.Planning;

/// <summary>
/// A deployment as the user describes it: the cluster's identity, its hosts and which host runs what.
/// Built by <see cref="InventoryParser"/> from YAML or by <see cref="InventoryFromCounts"/> from flags.
/// </summary>
public sealed record Inventory
{
    /// <summary>Patroni's <c>scope</c>: the cluster name under the namespace in etcd.</summary>
    public required string Scope { get; init; }
    /// <summary>Patroni's <c>namespace</c>, without slashes (the tutorial's <c>pgha</c>).</summary>
    public required string Namespace { get; init; }
    /// <summary>The pgBackRest stanza; defaults to the namespace as in the tutorial.</summary>
    public required string Stanza { get; init; }
    /// <summary>etcd's <c>initial-cluster-token</c>.</summary>
    public required string EtcdToken { get; init; }
    /// <summary>Hosts in the order the user listed them (etcd aliases etcdN follow this order).</summary>
    public required IReadOnlyList<InventoryHost> Hosts { get; init; }
    /// <summary>Optional path overrides from the inventory's <c>paths:</c> section.</summary>
    public InventoryPaths Paths { get; init; } = new();

    public IReadOnlyList<InventoryHost> PostgresHosts => Hosts.Where(h => h.RunsPostgres).ToList();
    public IReadOnlyList<InventoryHost> EtcdHosts => Hosts.Where(h => h.RunsEtcd).ToList();
    public InventoryHost? RepositoryHost => Hosts.FirstOrDefault(h => h.RunsRepository);

    public InventoryHost Host(string name) =>
        Hosts.FirstOrDefault(h => h.Name == name) ?? throw new ArgumentException($"no host named {name} in the inventory", nameof(name));
}

namespace Pgha.Core.Planning;

/// <summary>
/// A synthetic inventory for <c>pgha plan --pg 3 --etcd 5 [--colocated]</c>: hosts pgha1..N on
/// 192.168.50.10 and up, as in the tutorial. Colocated places etcd on the database hosts first.
/// </summary>
public static class InventoryFromCounts
{
    public static Inventory Build(int postgres, int etcd, bool colocated)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(postgres);
        ArgumentOutOfRangeException.ThrowIfNegative(etcd);
        int etcdOnPostgres = colocated ? Math.Min(postgres, etcd) : 0;
        int hostCount = postgres + etcd - etcdOnPostgres;
        var hosts = new List<InventoryHost>();
        for (int i = 0; i < hostCount; i++)
        {
            bool isPostgres = i < postgres;
            bool isEtcd = isPostgres ? i < etcdOnPostgres : true;
            hosts.Add(new InventoryHost($"pgha{i + 1}", $"192.168.50.{10 + i}", null, isPostgres, isEtcd, false));
        }
        return new Inventory
        {
            Scope = "pgha_patroni_cluster",
            Namespace = "pgha",
            Stanza = "pgha",
            EtcdToken = "pgha-token",
            Hosts = hosts,
        };
    }
}

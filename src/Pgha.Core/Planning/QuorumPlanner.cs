namespace Pgha.Core.Planning;

/// <summary>
/// etcd quorum arithmetic for a layout (the tutorial's first lesson): n members need floor(n/2)+1 up,
/// so they survive n - quorum losses; the system survives the smaller of that and PostgreSQL's
/// "one node left" limit. Failure domains are counted worst-case: the domains holding most members go first.
/// </summary>
public static class QuorumPlanner
{
    public static QuorumPlan Plan(Inventory inventory)
    {
        IReadOnlyList<InventoryHost> etcd = inventory.EtcdHosts;
        int members = etcd.Count;
        int quorum = (members / 2) + 1;
        int etcdTolerance = Math.Max(0, members - quorum);
        int postgres = inventory.PostgresHosts.Count;
        int postgresTolerance = Math.Max(0, postgres - 1);
        var domains = inventory.Hosts.GroupBy(h => h.EffectiveDomain).ToList();
        int etcdDomainTolerance = DomainTolerance(domains.Select(d => d.Count(h => h.RunsEtcd)), members - quorum);
        int postgresDomainTolerance = DomainTolerance(domains.Select(d => d.Count(h => h.RunsPostgres)), postgres - 1);
        var plan = new QuorumPlan
        {
            EtcdMembers = etcd.Select(h => h.Name).ToList(),
            Quorum = quorum,
            ToleratedEtcdFailures = etcdTolerance,
            PostgresNodes = postgres,
            ToleratedHostFailures = Math.Min(etcdTolerance, postgresTolerance),
            FailureDomains = domains.Count,
            ToleratedDomainLosses = Math.Min(etcdDomainTolerance, postgresDomainTolerance),
            LimitingComponent = etcdTolerance < postgresTolerance ? "etcd" : postgresTolerance < etcdTolerance ? "postgresql" : "none",
            Warnings = [],
        };
        return plan with { Warnings = PlanWarnings.For(inventory, plan, etcdDomainTolerance) };
    }

    /// <summary>How many whole domains can go, largest first, before more than <paramref name="budget"/> units are lost.</summary>
    private static int DomainTolerance(IEnumerable<int> unitsPerDomain, int budget)
    {
        int lost = 0;
        int tolerated = 0;
        foreach (int units in unitsPerDomain.OrderByDescending(u => u))
        {
            lost += units;
            if (lost > budget)
            {
                break;
            }
            tolerated++;
        }
        return tolerated;
    }
}

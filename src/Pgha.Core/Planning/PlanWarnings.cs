namespace Pgha.Core.Planning;

/// <summary>The weak-layout rules of <c>pgha plan</c>, each with the concrete fix.</summary>
internal static class PlanWarnings
{
    public static IReadOnlyList<PlanWarning> For(Inventory inventory, QuorumPlan plan, int etcdDomainTolerance)
    {
        var warnings = new List<PlanWarning>();
        int members = plan.EtcdMembers.Count;
        int postgresTolerance = Math.Max(0, plan.PostgresNodes - 1);
        if (members == 1)
        {
            warnings.Add(new PlanWarning("a single etcd member: losing its host stops failover and demotes the primary",
                "add 2 etcd hosts for 3 members (survives 1 loss) or 4 for 5 members (survives 2)"));
        }
        else if (members % 2 == 0)
        {
            warnings.Add(new PlanWarning($"{members} etcd members (an even count) survive {plan.ToleratedEtcdFailures} loss(es), no more than {members - 1} would",
                $"add 1 etcd member for {members + 1} (survives {(members + 1) / 2}) or remove 1"));
        }
        if (plan.ToleratedEtcdFailures < postgresTolerance)
        {
            int needed = (2 * postgresTolerance) + 1;
            string where = inventory.EtcdHosts.All(h => h.RunsPostgres) ? $"{members} etcd members colocated on the {plan.PostgresNodes} database hosts" : $"{members} etcd members for {plan.PostgresNodes} database hosts";
            warnings.Add(new PlanWarning($"{where}: survives {Plural(plan.ToleratedEtcdFailures, "host loss", "host losses")}, not {postgresTolerance}",
                $"add {needed - members} etcd-only hosts for {needed} members (N = 2F + 1 with F = {postgresTolerance})"));
        }
        AddCrowdedDomains(inventory, plan, etcdDomainTolerance, warnings);
        return warnings;
    }

    private static void AddCrowdedDomains(Inventory inventory, QuorumPlan plan, int etcdDomainTolerance, List<PlanWarning> warnings)
    {
        bool domainsDeclared = inventory.Hosts.Any(h => h.FailureDomain is not null);
        if (!domainsDeclared || plan.EtcdMembers.Count < 2 || etcdDomainTolerance > 0)
        {
            return;
        }
        int budget = plan.ToleratedEtcdFailures;
        foreach (var domain in inventory.EtcdHosts.GroupBy(h => h.EffectiveDomain).Where(d => d.Count() > budget))
        {
            warnings.Add(new PlanWarning($"failure domain {domain.Key} holds {domain.Count()} of {plan.EtcdMembers.Count} etcd members ({string.Join(", ", domain.Select(h => h.Name))}): losing it loses quorum",
                $"spread the members so that no domain holds more than {budget}, e.g. move {domain.Count() - budget} of them to other domains"));
        }
    }

    private static string Plural(int n, string one, string many) => n == 1 ? $"1 {one}" : $"{n} {many}";
}

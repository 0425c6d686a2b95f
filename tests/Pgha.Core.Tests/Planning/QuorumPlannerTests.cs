using Pgha.Core.Planning;

namespace Pgha.Core.Tests.Planning;

public sealed class QuorumPlannerTests
{
    // pg, etcd, colocated -> quorum, tolerated etcd failures, tolerated host failures, limiting component
    public static TheoryData<int, int, bool, int, int, int, string> Layouts => new()
    {
        { 3, 1, true, 1, 0, 0, "etcd" },
        { 3, 2, true, 2, 0, 0, "etcd" },
        { 3, 3, true, 2, 1, 1, "etcd" },
        { 3, 4, true, 3, 1, 1, "etcd" },
        { 3, 5, true, 3, 2, 2, "none" },
        { 3, 6, true, 4, 2, 2, "none" },
        { 3, 7, false, 4, 3, 2, "postgresql" },
        { 3, 8, false, 5, 3, 2, "postgresql" },
        { 3, 9, false, 5, 4, 2, "postgresql" },
        { 5, 5, true, 3, 2, 2, "etcd" },
        { 2, 3, false, 2, 1, 1, "none" },
        { 1, 3, false, 2, 1, 0, "postgresql" },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Plan_computes_quorum_and_tolerated_failures_for_the_layout(int pg, int etcd, bool colocated, int quorum, int etcdFailures, int hostFailures, string limiting)
    {
        QuorumPlan plan = QuorumPlanner.Plan(InventoryFromCounts.Build(pg, etcd, colocated));

        Assert.Equal(etcd, plan.EtcdMembers.Count);
        Assert.Equal(quorum, plan.Quorum);
        Assert.Equal(etcdFailures, plan.ToleratedEtcdFailures);
        Assert.Equal(hostFailures, plan.ToleratedHostFailures);
        Assert.Equal(limiting, plan.LimitingComponent);
        Assert.Equal(etcdFailures == 0, plan.LosesQuorumOnSingleHostLoss);
    }

    [Fact]
    public void Three_colocated_members_are_flagged_with_two_etcd_only_hosts_as_the_fix()
    {
        QuorumPlan plan = QuorumPlanner.Plan(InventoryFromCounts.Build(3, 3, colocated: true));

        PlanWarning warning = Assert.Single(plan.Warnings);
        Assert.Contains("survives 1 host loss, not 2", warning.Problem);
        Assert.StartsWith("add 2 etcd-only hosts", warning.Fix);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void Even_member_counts_are_flagged(int etcd)
    {
        QuorumPlan plan = QuorumPlanner.Plan(InventoryFromCounts.Build(1, etcd, colocated: false));

        Assert.Contains(plan.Warnings, w => w.Problem.Contains("even count") && w.Fix.Contains($"for {etcd + 1}"));
    }

    [Fact]
    public void A_single_member_is_flagged_and_loses_quorum_on_any_host_loss()
    {
        QuorumPlan plan = QuorumPlanner.Plan(InventoryFromCounts.Build(3, 1, colocated: true));

        Assert.Contains(plan.Warnings, w => w.Problem.StartsWith("a single etcd member"));
        Assert.True(plan.LosesQuorumOnSingleHostLoss);
    }

    [Fact]
    public void The_tutorial_layout_has_no_warning()
    {
        QuorumPlan plan = QuorumPlanner.Plan(InventoryParser.Parse(ExampleInventory.Text, "example").Inventory!);

        Assert.Empty(plan.Warnings);
        Assert.Equal(2, plan.ToleratedHostFailures);
        Assert.Equal(3, plan.Quorum);
    }

    [Fact]
    public void Members_crowded_in_one_failure_domain_are_flagged_and_limit_domain_losses()
    {
        Inventory inventory = WithDomains("rack1", "rack1", "rack1", "rack2", "rack2");

        QuorumPlan plan = QuorumPlanner.Plan(inventory);

        Assert.Equal(2, plan.FailureDomains);
        Assert.Equal(0, plan.ToleratedDomainLosses);
        Assert.Contains(plan.Warnings, w => w.Problem.Contains("failure domain rack1 holds 3 of 5") && w.Fix.Contains("no domain holds more than 2"));
    }

    [Fact]
    public void Members_spread_over_three_domains_survive_one_domain_loss()
    {
        QuorumPlan plan = QuorumPlanner.Plan(WithDomains("a", "b", "c", "a", "b"));

        Assert.Equal(3, plan.FailureDomains);
        Assert.Equal(1, plan.ToleratedDomainLosses);
        Assert.DoesNotContain(plan.Warnings, w => w.Problem.Contains("failure domain"));
    }

    private static Inventory WithDomains(params string[] domains)
    {
        Inventory inventory = InventoryFromCounts.Build(3, 5, colocated: true);
        return inventory with { Hosts = inventory.Hosts.Select((h, i) => h with { FailureDomain = domains[i] }).ToList() };
    }
}

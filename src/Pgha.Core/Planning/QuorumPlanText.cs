using System.Text;

namespace Pgha.Core.Planning;

/// <summary>The table that <c>pgha plan</c> prints.</summary>
public static class QuorumPlanText
{
    public static string Render(QuorumPlan plan)
    {
        var rows = new List<(string, string)>
        {
            ("etcd members", $"{plan.EtcdMembers.Count} ({string.Join(", ", plan.EtcdMembers)})"),
            ("quorum", plan.Quorum.ToString()),
            ("tolerated etcd failures", plan.ToleratedEtcdFailures.ToString()),
            ("postgresql nodes", plan.PostgresNodes.ToString()),
            ("tolerated host failures", plan.ToleratedHostFailures.ToString()),
            ("failure domains", plan.FailureDomains.ToString()),
            ("tolerated domain losses", plan.ToleratedDomainLosses.ToString()),
            ("limiting component", plan.LimitingComponent),
        };
        int width = rows.Max(r => r.Item1.Length);
        var text = new StringBuilder();
        foreach ((string key, string value) in rows)
        {
            text.Append(key.PadRight(width)).Append(" | ").Append(value).Append('\n');
        }
        foreach (PlanWarning warning in plan.Warnings)
        {
            text.Append("WARNING: ").Append(warning.Problem).Append(": ").Append(warning.Fix).Append('\n');
        }
        if (plan.LosesQuorumOnSingleHostLoss)
        {
            text.Append("REFUSED: this layout loses etcd quorum when any single host is lost\n");
        }
        return text.ToString();
    }
}

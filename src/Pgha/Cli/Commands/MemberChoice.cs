using Pgha.Core.Cluster;

namespace Pgha.Cli.Commands;

/// <summary>patronictl's member selection: a named member, else the first with the role (leader, replica, any).</summary>
public static class MemberChoice
{
    public static Member Pick(ClusterView view, string? name, string role)
    {
        if (name is not null)
        {
            return view.FindMember(name) ?? throw new PghaException($"member {name}: not in cluster; members are {Names(view)}", ExitCodes.Failure);
        }
        return Filter(view, role).FirstOrDefault()
            ?? throw new PghaException($"role {role}: no member has it; members are {Names(view)}", ExitCodes.Failure);
    }

    /// <summary>Members with <paramref name="role"/>: leader/primary/master, replica/standby, or any.</summary>
    public static IEnumerable<Member> Filter(ClusterView view, string role) => role switch
    {
        "leader" or "primary" or "master" or "standby-leader" => view.Members.Where(m => view.IsLeader(m.Name)),
        "replica" or "standby" => view.Members.Where(m => !view.IsLeader(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal),
        "any" => view.Members.OrderBy(m => !view.IsLeader(m.Name)).ThenBy(m => m.Name, StringComparer.Ordinal),
        _ => throw new PghaException($"role {role}: unknown; use leader, primary, replica, standby or any", ExitCodes.Usage),
    };

    private static string Names(ClusterView view) => string.Join(", ", view.Members.Select(m => m.Name).Order(StringComparer.Ordinal));
}

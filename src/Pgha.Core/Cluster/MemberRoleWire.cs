namespace Pgha.Core.Cluster;

/// <summary>Explicit string mapping for <see cref="MemberRole"/>. Wire format: never rename.</summary>
public static class MemberRoleWire
{
    public static string ToWire(this MemberRole role) => role switch
    {
        MemberRole.Uninitialized => "uninitialized",
        MemberRole.Primary => "master",
        MemberRole.Replica => "replica",
        MemberRole.StandbyLeader => "standby_leader",
        MemberRole.Demoted => "demoted",
        MemberRole.Promoted => "promoted",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    /// <summary>Parses a role string; accepts Patroni 4's <c>primary</c> as well.</summary>
    public static MemberRole FromWire(string? text) => text switch
    {
        "master" or "primary" => MemberRole.Primary,
        "replica" => MemberRole.Replica,
        "standby_leader" => MemberRole.StandbyLeader,
        "demoted" => MemberRole.Demoted,
        "promoted" => MemberRole.Promoted,
        _ => MemberRole.Uninitialized,
    };
}

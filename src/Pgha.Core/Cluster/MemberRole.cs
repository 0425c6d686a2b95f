namespace Pgha.Core.Cluster;

/// <summary>The role a member publishes in its DCS key and REST API.</summary>
/// <remarks>Wire format: never rename. The strings are Patroni 3.0.2's (<c>master</c>, not <c>primary</c>),
/// so the real patronictl and DCS-reading monitors understand a pgha cluster.</remarks>
public enum MemberRole
{
    Uninitialized,
    Primary,
    Replica,
    StandbyLeader,
    Demoted,
    Promoted,
}

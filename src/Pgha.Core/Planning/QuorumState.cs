namespace Pgha.Core.Planning;

/// <summary>Whether etcd can serve: printed by <c>pgha etcd status</c>.</summary>
public enum QuorumState
{
    Healthy,
    Degraded,
    Lost,
}

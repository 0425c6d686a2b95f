namespace Pgha.Agent;

/// <summary>
/// This agent's etcd lease (TTL = ttl) and the leader key bound to it. The member key shares the lease, as in
/// Patroni, so a dead agent's member key and leader key vanish together.
/// </summary>
public interface ILeaderLease
{
    /// <summary>Create <c>leader=&lt;me&gt;</c> with our lease if no leader key exists. False: someone else holds it.</summary>
    Task<bool> TryAcquireAsync(CancellationToken ct);

    /// <summary>Keep the lease alive and make sure the leader key still names us. False: we lost it.</summary>
    Task<bool> RefreshAsync(CancellationToken ct);

    /// <summary>Delete the leader key if it names us; a no-op otherwise.</summary>
    Task ReleaseAsync(CancellationToken ct);

    /// <summary>
    /// Keep the lease alive (once per cycle: skipped when this cycle's leader refresh already did) and write our member
    /// key (JSON) bound to the lease when its content changed, the lease changed, or <paramref name="keyMissing"/>.
    /// </summary>
    Task PublishMemberAsync(string memberJson, bool keyMissing, CancellationToken ct);
}

using Pgha.Core.Ha;
using Pgha.Core.Postgres;

namespace Pgha.Agent;

/// <summary>Starts, stops and reconfigures the local PostgreSQL, running every binary as the data directory's owner.</summary>
public interface IPostgresControl
{
    /// <summary>Writes config (parameters, pg_hba, standby.signal and primary_conninfo for a replica) and starts, waiting until it accepts connections.</summary>
    Task StartAsync(StartRole role, Upstream? upstream, CancellationToken ct);

    /// <summary>Stops: graceful = fast with checkpoint first, immediate = SIGQUIT. Waits for the postmaster to exit.</summary>
    Task StopAsync(DemoteMode mode, CancellationToken ct);

    /// <summary>
    /// A graceful stop for a switchover: <paramref name="handOver"/> runs once the server has written its last WAL and
    /// the standby of <paramref name="candidate"/> has confirmed it (every streaming standby when there is no candidate
    /// or it does not stream from here), which is before the postmaster exits, or else after the exit.
    /// </summary>
    Task StopAndHandOverAsync(string? candidate, Func<CancellationToken, Task> handOver, CancellationToken ct);

    /// <summary>
    /// Promotes, and right after asking for it creates the physical slots <paramref name="replicaSlots"/> (those missing),
    /// so the replicas' walreceivers find them when they connect; waits until the server is out of recovery. Returns
    /// where the old timeline was left (null when its history file could not be read).
    /// </summary>
    Task<TimelineSwitch?> PromoteAsync(IReadOnlyCollection<string> replicaSlots, CancellationToken ct);

    /// <summary>Points a running replica at <paramref name="upstream"/>: rewrites primary_conninfo and reloads.</summary>
    Task FollowAsync(Upstream upstream, CancellationToken ct);

    /// <summary>
    /// Sets the primary's <c>synchronous_standby_names</c> in postgresql.conf (so it survives restarts) and reloads;
    /// null hands it back to the configured parameters. Any later start or follow as a replica clears it again.
    /// </summary>
    Task SetSynchronousStandbyNamesAsync(string? value, CancellationToken ct);

    /// <summary>Restarts in place when the postmaster died (crash), in the role it had.</summary>
    Task ReloadAsync(CancellationToken ct);

    /// <summary>
    /// <see cref="ReloadAsync"/> for a change of the dynamic config; false, and nothing signalled, when the running
    /// server has read files that already say everything the change would write.
    /// </summary>
    Task<bool> ReloadIfChangedAsync(CancellationToken ct);
}

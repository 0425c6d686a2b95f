using Pgha.Core.Ha;

namespace Pgha.Core.Cluster;

/// <summary>The state and role strings a member publishes, derived from what the probe saw this cycle.</summary>
public static class MemberStatus
{
    /// <summary>Patroni's state string: a running server says <c>running</c>, replica or not (monitors test for it).</summary>
    public static string State(LocalPostgres postgres, LongActionStatus? longAction, bool crashed) => longAction switch
    {
        { Running: true, Name: LongActionNames.Bootstrap } => "initializing new cluster",
        { Running: true, Name: LongActionNames.CreateReplica } => "creating replica",
        { Running: true, Name: LongActionNames.Rewind } => "running pg_rewind",
        _ => postgres.RunState switch
        {
            PostgresRunState.Running => "running",
            PostgresRunState.Starting => "starting",
            PostgresRunState.NotResponding => "unknown",
            PostgresRunState.Stopped when crashed => "crashed",
            _ => "stopped",
        },
    };

    /// <summary>
    /// Patroni 3.0.4's <c>replication_state</c>, published beside <c>state</c>: <c>streaming</c> for a running replica whose
    /// walreceiver streams, else none (Patroni's <c>in archive recovery</c> needs a restore_command, which pgha does not set);
    /// none either while a long action (bootstrap, clone, rewind) names the state.
    /// </summary>
    public static string? ReplicationState(LocalPostgres postgres, LongActionStatus? longAction) =>
        longAction is not { Running: true }
        && postgres.RunState == PostgresRunState.Running && postgres.InRecovery && postgres.IsStreaming ? "streaming" : null;

    public static MemberRole Role(LocalPostgres postgres) => postgres.RunState switch
    {
        PostgresRunState.NoDataDirectory => MemberRole.Uninitialized,
        PostgresRunState.Running when !postgres.InRecovery => MemberRole.Primary,
        _ => MemberRole.Replica,
    };
}

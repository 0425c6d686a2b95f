using Pgha.Core.Ha;

namespace Pgha.Core.Cluster;

/// <summary>The state and role strings a member publishes, derived from what the probe saw this cycle.</summary>
public static class MemberStatus
{
    /// <summary>Patroni's state string. Replicas report <c>streaming</c> when the walreceiver streams, as Patroni 3.0.4+ and the tutorial show.</summary>
    public static string State(LocalPostgres postgres, LongActionStatus? longAction, bool crashed) => longAction switch
    {
        { Running: true, Name: LongActionNames.Bootstrap } => "initializing new cluster",
        { Running: true, Name: LongActionNames.CreateReplica } => "creating replica",
        { Running: true, Name: LongActionNames.Rewind } => "running pg_rewind",
        _ => postgres.RunState switch
        {
            PostgresRunState.Running when postgres.InRecovery && postgres.IsStreaming => "streaming",
            PostgresRunState.Running => "running",
            PostgresRunState.Starting => "starting",
            PostgresRunState.NotResponding => "unknown",
            PostgresRunState.Stopped when crashed => "crashed",
            _ => "stopped",
        },
    };

    public static MemberRole Role(LocalPostgres postgres) => postgres.RunState switch
    {
        PostgresRunState.NoDataDirectory => MemberRole.Uninitialized,
        PostgresRunState.Running when !postgres.InRecovery => MemberRole.Primary,
        _ => MemberRole.Replica,
    };
}

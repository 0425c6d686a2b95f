using Pgha.Core.Cluster;

namespace Pgha.Core.Ha;

/// <summary>Everything one HA decision needs: the DCS snapshot, the local PostgreSQL, memory, settings, time, peers.</summary>
public sealed record HaInput
{
    public required ClusterView Cluster { get; init; }
    public required LocalPostgres Postgres { get; init; }
    public required AgentMemory Memory { get; init; }
    public required HaSettings Settings { get; init; }
    public required DateTimeOffset Now { get; init; }
    /// <summary>REST probes of the other members; filled only when the leader key is free (the race needs them).</summary>
    public IReadOnlyList<PeerReport> Peers { get; init; } = [];
    /// <summary>The long action running beside the loop or just finished, if any.</summary>
    public LongActionStatus? LongAction { get; init; }
    /// <summary>Primary, etcd lost, failsafe_mode on: what the other members answered to our <c>POST /failsafe</c> this cycle.</summary>
    public FailsafeCheck? Failsafe { get; init; }
    /// <summary>Replica: the last <c>POST /failsafe</c> this node accepted from a primary, if any.</summary>
    public FailsafeContact? FailsafeContact { get; init; }

    public string Me => Settings.Name;
}

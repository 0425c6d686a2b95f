using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha.Simulation;

/// <summary>A fake PostgreSQL instance: what the probe would see, changed only by the simulated executor and faults.</summary>
internal sealed class SimPostgres
{
    public PostgresRunState State { get; set; } = PostgresRunState.NoDataDirectory;
    public bool InRecovery { get; set; }
    public int Timeline { get; set; }
    public long Wal { get; set; }
    public string? SystemId { get; set; }
    /// <summary>The member a running replica streams from; null when it has no upstream.</summary>
    public string? Upstream { get; set; }
    /// <summary>The postmaster lives but does not answer (SIGSTOP, stuck disk) until this instant.</summary>
    public DateTimeOffset HungUntil { get; set; }

    /// <summary>Timelines this data directory has left, with the LSN each one ended at (PostgreSQL's .history files).</summary>
    public IReadOnlyList<(int Timeline, long EndLsn)> History { get; set; } = [];

    /// <summary>synchronous_standby_names as the agent last set it; a start or follow as replica clears it, as ConfigFiles does.</summary>
    public string SyncNames { get; set; } = "";

    public bool HasData => State != PostgresRunState.NoDataDirectory;

    /// <summary>
    /// Whether this instance can replay <paramref name="upstream"/>'s WAL: same cluster, and either the same timeline or
    /// a later one that forked from mine at or after everything I have. A former primary whose WAL ran past the fork
    /// cannot, until it is rewound or re-cloned.
    /// </summary>
    public bool CanStreamFrom(SimPostgres upstream) =>
        upstream.State == PostgresRunState.Running && upstream.SystemId == SystemId
        && (upstream.Timeline == Timeline
            || (upstream.Timeline > Timeline && upstream.History.Any(h => h.Timeline == Timeline && h.EndLsn >= Wal)));

    /// <summary>Leaves the current timeline at the current position and starts the next one.</summary>
    public void StartNewTimeline()
    {
        History = [.. History, (Timeline, Wal)];
        Timeline++;
    }

    public bool IsHung(DateTimeOffset now) => State == PostgresRunState.Running && now < HungUntil;

    /// <summary>Takes writes right now: a running primary that answers.</summary>
    public bool IsWritablePrimary(DateTimeOffset now) => State == PostgresRunState.Running && !InRecovery && !IsHung(now);

    public LocalPostgres Probe(DateTimeOffset now) => new()
    {
        RunState = IsHung(now) ? PostgresRunState.NotResponding : State,
        InRecovery = InRecovery,
        WalPosition = Wal,
        Timeline = Timeline,
        SystemIdentifier = HasData ? SystemId : null,
    };

    public void Stop()
    {
        if (HasData)
        {
            State = PostgresRunState.Stopped;
            HungUntil = DateTimeOffset.MinValue;
            Upstream = null;
        }
    }

    public void RemoveData()
    {
        State = PostgresRunState.NoDataDirectory;
        InRecovery = false;
        Timeline = 0;
        Wal = 0;
        SystemId = null;
        Upstream = null;
        History = [];
    }

    /// <summary>A stopped copy of <paramref name="source"/>'s data, with standby.signal.</summary>
    public void CloneFrom(SimPostgres source)
    {
        State = PostgresRunState.Stopped;
        InRecovery = true;
        Timeline = source.Timeline;
        History = source.History;
        Wal = source.Wal;
        SystemId = source.SystemId;
        Upstream = null;
        SyncNames = "";
    }
}

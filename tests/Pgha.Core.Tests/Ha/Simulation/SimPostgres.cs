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

    public bool HasData => State != PostgresRunState.NoDataDirectory;

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
    }

    /// <summary>A stopped copy of <paramref name="source"/>'s data, with standby.signal.</summary>
    public void CloneFrom(SimPostgres source)
    {
        State = PostgresRunState.Stopped;
        InRecovery = true;
        Timeline = source.Timeline;
        Wal = source.Wal;
        SystemId = source.SystemId;
        Upstream = null;
    }
}

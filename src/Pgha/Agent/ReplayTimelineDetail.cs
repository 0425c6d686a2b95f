namespace Pgha.Agent;

/// <summary>How exactly a probe must learn the timeline a replica without a streaming walreceiver replays.</summary>
public enum ReplayTimelineDetail
{
    /// <summary>Ask the server (a replication login for IDENTIFY_SYSTEM) when the replay moved since it was last asked.</summary>
    Exact,

    /// <summary>
    /// The last timeline learnt from this postmaster, else its checkpoint's. A leader race needs no more: no race rule
    /// compares timelines, and the promotion records the timeline it leaves from the new timeline's history file.
    /// </summary>
    LastKnown,
}

using Pgha.Agent;

namespace Pgha.Api;

/// <summary>What the write endpoints need from the agent: the DCS, the settings in force, and the loop's wake-up.</summary>
public sealed record AgentControl(IClusterStore Store, ClusterSettings Settings, AsyncSignal Wake, ConfigReload Reload, OperatorRequests Requests)
{
    /// <summary>Where <c>POST /failsafe</c> leaves the primary's round for the HA loop; the endpoint exists only when set.</summary>
    public FailsafeInbox? Failsafe { get; init; }
}

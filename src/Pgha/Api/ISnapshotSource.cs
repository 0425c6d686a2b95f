using Pgha.Core.Api;

namespace Pgha.Api;

/// <summary>Where the REST API reads the agent's latest snapshot; null until the first HA cycle has finished.</summary>
public interface ISnapshotSource
{
    AgentSnapshot? Current { get; }
}

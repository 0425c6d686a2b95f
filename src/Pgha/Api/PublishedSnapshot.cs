using Pgha.Core.Api;

namespace Pgha.Api;

/// <summary>
/// One slot the HA loop overwrites after each cycle and request threads read without locks. Snapshots are
/// immutable, so a reader sees either the previous or the new one whole.
/// </summary>
public sealed class PublishedSnapshot : ISnapshotSource
{
    private AgentSnapshot? _current;

    public AgentSnapshot? Current => Volatile.Read(ref _current);

    public void Publish(AgentSnapshot snapshot) => Volatile.Write(ref _current, snapshot);
}

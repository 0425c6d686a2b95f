using Pgha.Agent;

namespace Pgha.Testing;

/// <summary>Test conveniences over <see cref="IClusterStore"/>.</summary>
public static class ClusterStoreExtensions
{
    /// <summary>Completes with the first change after <paramref name="afterRevision"/>.</summary>
    public static async Task<DcsChange> FirstChangeAsync(this IClusterStore store, long afterRevision, CancellationToken ct)
    {
        await foreach (DcsChange change in store.WatchAsync(afterRevision, ct))
        {
            return change;
        }
        throw new InvalidOperationException("the watch ended without a change");
    }
}

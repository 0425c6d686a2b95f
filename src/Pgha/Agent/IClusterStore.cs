using Pgha.Core.Cluster;

namespace Pgha.Agent;

/// <summary>
/// The DCS as the agent sees it: one prefix <c>/&lt;namespace&gt;/&lt;scope&gt;/</c> in etcd v3, Patroni's key layout.
/// Keys are relative to the prefix (<c>initialize</c>, <c>config</c>, <c>members/n1</c>, ...).
/// Failures surface as <see cref="DcsUnavailableException"/>; they never return false.
/// </summary>
public interface IClusterStore
{
    /// <summary>Reads the whole prefix in one range request and parses it.</summary>
    Task<ClusterView> ReadAsync(CancellationToken ct);

    /// <summary>Creates <paramref name="key"/> only if absent; false when it already existed.</summary>
    Task<bool> CreateIfAbsentAsync(string key, string value, CancellationToken ct);

    /// <summary>Writes <paramref name="key"/>; with <paramref name="expectedModRevision"/> only if unchanged since then (false otherwise).</summary>
    Task<bool> PutAsync(string key, string value, long? expectedModRevision, CancellationToken ct);

    /// <summary>Deletes <paramref name="key"/>; with <paramref name="expectedModRevision"/> only if unchanged.</summary>
    Task<bool> DeleteAsync(string key, long? expectedModRevision, CancellationToken ct);

    /// <summary>One long-lived watch on the prefix: every change after <paramref name="afterRevision"/>, in order, until the stream breaks.</summary>
    IAsyncEnumerable<DcsChange> WatchAsync(long afterRevision, CancellationToken ct);
}

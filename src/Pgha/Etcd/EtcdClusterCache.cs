using System.Runtime.CompilerServices;
using Pgha.Agent;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Etcd;

/// <summary>
/// The cluster prefix as the agent's watch stream keeps it, so that an idle cycle reads etcd without a request (Patroni
/// 3.0.2 keeps the same cache). Writes pass through. A read goes to etcd instead when the cache cannot be trusted: no
/// confirmed stream, a stream that broke, any failed etcd call since the last read (the stream may hang on a dead
/// member), a write of ours the stream has not delivered yet, or <c>maxAge</c> since the last full read.
/// </summary>
public sealed class EtcdClusterCache(EtcdClusterStore store, Func<TimeSpan> maxAge, TimeProvider clock) : IClusterStore
{
    private readonly Lock _gate = new();
    private Dictionary<string, DcsKeyValue> _keys = new(StringComparer.Ordinal);
    private long _revision;
    private long _readRevision;
    private long _watchFrom = long.MaxValue;
    private bool _live;
    private long _failuresSeen = -1;
    private DateTimeOffset _readAt;

    public async Task<ClusterView> ReadAsync(CancellationToken ct)
    {
        if (CachedView() is ClusterView cached)
        {
            return cached;
        }
        long failures = store.Client.FailedAttempts;
        (IReadOnlyList<DcsKeyValue> keys, long revision) = await store.RangeAsync(ct);
        lock (_gate)
        {
            if (revision >= _revision)
            {
                _keys = keys.ToDictionary(k => k.Key, StringComparer.Ordinal);
                (_revision, _readRevision, _readAt, _failuresSeen) = (revision, revision, clock.GetUtcNow(), failures);
            }
        }
        return ClusterViewParser.Parse(store.Prefix, keys, revision);
    }

    public Task<bool> CreateIfAbsentAsync(string key, string value, CancellationToken ct) => store.CreateIfAbsentAsync(key, value, ct);

    public Task<bool> PutAsync(string key, string value, long? expectedModRevision, CancellationToken ct) =>
        store.PutAsync(key, value, expectedModRevision, ct);

    public Task<bool> DeleteAsync(string key, long? expectedModRevision, CancellationToken ct) => store.DeleteAsync(key, expectedModRevision, ct);

    /// <summary>The one watch of the agent: every change is applied to the cache before the caller sees it.</summary>
    public async IAsyncEnumerable<DcsChange> WatchAsync(long afterRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        lock (_gate)
        {
            _watchFrom = afterRevision;
        }
        try
        {
            await foreach (DcsChange change in store.WatchAsync(afterRevision, StreamState, ct))
            {
                Apply(change);
                yield return change;
            }
        }
        finally
        {
            StreamState(null);
        }
    }

    /// <summary>True only while the cache is trustworthy and holds <c>leader=<paramref name="name"/></c> on <paramref name="leaseId"/>.</summary>
    public bool ShowsLeader(string name, long leaseId)
    {
        lock (_gate)
        {
            return IsFresh() && leaseId != 0
                && _keys.GetValueOrDefault(store.Prefix + DcsKeys.Leader) is { } leader && leader.Value == name && leader.Lease == leaseId;
        }
    }

    private bool IsFresh() => _live
        && _failuresSeen == store.Client.FailedAttempts
        && _revision >= store.Client.HighestWriteRevision
        && clock.GetUtcNow() - _readAt < maxAge();

    private ClusterView? CachedView()
    {
        lock (_gate)
        {
            return IsFresh() ? ClusterViewParser.Parse(store.Prefix, _keys.Values, _revision) : null;
        }
    }

    /// <summary>Live only when the stream started at or before what the cache holds: no change can fall between.</summary>
    private void StreamState(string? endpoint)
    {
        lock (_gate)
        {
            _live = endpoint is not null && _watchFrom <= _revision;
        }
    }

    private void Apply(DcsChange change)
    {
        lock (_gate)
        {
            string key = store.Prefix + change.Key;
            // One delete of several keys arrives as several events of the same revision: compare with the read, not _revision.
            if (change.Revision <= _readRevision)
            {
                return; // the last full read already reflects this change
            }
            if (change.Value is null)
            {
                _keys.Remove(key);
            }
            else
            {
                _keys[key] = new DcsKeyValue(key, change.Value, change.Revision, change.Lease);
            }
            _revision = Math.Max(_revision, change.Revision);
        }
    }
}

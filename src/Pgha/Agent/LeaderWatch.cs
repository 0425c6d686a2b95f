using Microsoft.Extensions.Logging;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Agent;

/// <summary>
/// Keeps an etcd watch open on the cluster prefix and wakes the HA loop on changes, so that a replica reacts to the
/// loss of the leader key at once instead of at the next loop_wait. The same stream keeps the store's cache current
/// (<see cref="Etcd.EtcdClusterCache"/>), so idle cycles read etcd without a request.
/// </summary>
public sealed class LeaderWatch(IClusterStore store, AsyncSignal wake, ILogger<LeaderWatch> logger)
{
    private readonly Dictionary<string, (MemberRole Role, string State)> _members = new(StringComparer.Ordinal);
    private string? _leader;

    public async Task RunAsync(CancellationToken ct)
    {
        long revision = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (revision == 0)
                {
                    revision = Remember(await store.ReadAsync(ct));
                }
                await foreach (DcsChange change in store.WatchAsync(revision, ct))
                {
                    revision = change.Revision;
                    if (MattersToTheLoop(change))
                    {
                        wake.Set();
                    }
                }
                // The stream ended (compaction): re-read, and wake the loop in case a change was missed.
                revision = 0;
                wake.Set();
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is DcsUnavailableException or HttpRequestException or IOException)
            {
                logger.LogDebug("etcd watch interrupted, re-reading: {Error}", e.Message);
                revision = 0;
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private long Remember(ClusterView view)
    {
        _leader = view.Leader?.Name;
        _members.Clear();
        foreach (Member member in view.Members)
        {
            _members[member.Name] = (member.Role, member.ShownState(false));
        }
        return view.Revision;
    }

    /// <summary>
    /// Member and status keys change every cycle under load and the leader re-puts its own key on each refresh: waking
    /// on those would spin every agent. A new or deleted leader, a failover request, a config change, a new member (the
    /// leader creates its slot) or a member whose role or state changed (a replica waiting for its leader to be a
    /// running primary, the leader that just became one and owes its replicas their slots) call for a decision now.
    /// </summary>
    private bool MattersToTheLoop(DcsChange change)
    {
        if (change.Key == DcsKeys.Leader)
        {
            bool changed = change.Value != _leader;
            if (changed)
            {
                logger.LogInformation("the leader key now names {Leader}", change.Value ?? "nobody");
            }
            _leader = change.Value;
            return changed;
        }
        if (DcsKeys.MemberName(change.Key) is string name)
        {
            return MemberChanged(name, change.Value);
        }
        return change.Key is DcsKeys.Failover or DcsKeys.Config or DcsKeys.Initialize;
    }

    private bool MemberChanged(string name, string? value)
    {
        if (value is null)
        {
            _members.Remove(name);
            return false;
        }
        Member member = MemberJson.Parse(name, value);
        (MemberRole, string) now = (member.Role, member.ShownState(false));
        bool changed = !_members.TryGetValue(name, out (MemberRole, string) before) || before != now;
        _members[name] = now;
        return changed;
    }
}

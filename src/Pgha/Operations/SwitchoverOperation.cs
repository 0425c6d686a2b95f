using Pgha.Agent;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Core.Dcs;

namespace Pgha.Operations;

/// <summary>
/// A switchover or failover through the failover key, as Patroni's REST handler does it: check against a fresh
/// snapshot, write <c>{"leader","member","scheduled_at"}</c>, then poll once a second until the key is cleared.
/// The leader's rules do the work (demote gracefully; the candidate wins the race).
/// </summary>
public sealed class SwitchoverOperation(IClusterStore store, TimeProvider clock)
{
    /// <summary>Patroni polls for 2 × max(10, loop_wait) seconds.</summary>
    public static TimeSpan Timeout(int loopWait) => TimeSpan.FromSeconds(2 * Math.Max(10, loopWait));

    public async Task<(int Status, string Message, string Detail)> RunAsync(SwitchoverRequest request, TimeSpan timeout, Action? wake, CancellationToken ct)
    {
        ClusterView view = await store.ReadAsync(ct);
        if (request.ScheduledAt is null && SwitchoverCheck.Check(view, request) is { } refusal)
        {
            return (refusal.Status, refusal.Message, refusal.Detail);
        }
        if (request.ScheduledAt is not null && request.Leader is { } leader && view.Leader?.Name != leader)
        {
            return (412, "leader name does not match", $"leader {leader}: the current leader is {view.Leader?.Name ?? "nobody"}");
        }
        try
        {
            await store.PutAsync(DcsKeys.Failover, FailoverJson.Serialize(new FailoverKey(request.Leader, request.Candidate, request.ScheduledAt)), null, ct);
        }
        catch (DcsUnavailableException e)
        {
            return (503, "failed to write failover key into DCS", $"etcd: {e.Message}");
        }
        wake?.Invoke();
        if (request.ScheduledAt is not null)
        {
            return (202, "Switchover scheduled", "Switchover scheduled");
        }
        return await WaitAsync(request, timeout, ct);
    }

    private async Task<(int, string, string)> WaitAsync(SwitchoverRequest request, TimeSpan timeout, CancellationToken ct)
    {
        DateTimeOffset deadline = clock.GetUtcNow() + timeout;
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), clock, ct);
            ClusterView view;
            try
            {
                view = await store.ReadAsync(ct);
            }
            catch (DcsUnavailableException)
            {
                continue;
            }
            if (SwitchoverProgress.Outcome(view, request) is { } outcome)
            {
                return (outcome.Status, outcome.Message, outcome.Message);
            }
        }
        string unknown = SwitchoverProgress.Unknown(request);
        return (503, unknown, unknown);
    }
}

using Microsoft.Extensions.Logging;
using Pgha.Core.Ctl;
using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// Restart (now or scheduled) and reinitialize, asked for through the REST API and run by the HA loop itself in a
/// calm cycle, so they never race a decision of the rules. The REST handler awaits the outcome.
/// </summary>
public sealed class OperatorRequests(IPostgresControl control, IPostgresProvisioning provisioning, LongActionRunner longActions, TimeProvider clock, ILogger<OperatorRequests> logger)
{
    private readonly object _gate = new();
    private (string Kind, RestartRequest Restart, TaskCompletionSource<(int, string)> Reply)? _job;

    /// <summary>The restart waiting for its time, if any.</summary>
    public RestartRequest? Scheduled { get; private set; }

    /// <summary>Queues an immediate restart or reinit; the loop answers with Patroni's status and message.</summary>
    public Task<(int Status, string Message)> EnqueueAsync(string kind, RestartRequest restart)
    {
        lock (_gate)
        {
            if (longActions.IsRunning || _job is not null)
            {
                return Task.FromResult((503, $"{(_job?.Kind ?? "an action")} already in progress"));
            }
            var reply = new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously);
            _job = (kind, restart, reply);
            return reply.Task;
        }
    }

    public (int, string) Schedule(RestartRequest restart)
    {
        lock (_gate)
        {
            if (Scheduled is not null)
            {
                return (409, "Another restart is already scheduled");
            }
            Scheduled = restart;
            return (202, "Restart scheduled");
        }
    }

    public bool CancelScheduled()
    {
        lock (_gate)
        {
            bool had = Scheduled is not null;
            Scheduled = null;
            return had;
        }
    }

    /// <summary>Runs a queued or due request when the cycle started, stopped or rebuilt nothing; returns the memory to carry on with.</summary>
    public async Task<AgentMemory> RunAsync(HaInput input, HaDecision decision, AgentMemory memory, CancellationToken ct)
    {
        if (longActions.IsRunning || !decision.Actions.All(a => a is RefreshLeaderLock or AcquireLeaderLock or FollowLeader or ClearFailoverKey))
        {
            return memory;
        }
        (string Kind, RestartRequest Restart, TaskCompletionSource<(int, string)> Reply)? job;
        lock (_gate)
        {
            job = _job;
            _job = null;
            if (job is null && Scheduled is { Schedule: { } at } due && at <= clock.GetUtcNow())
            {
                Scheduled = null;
                job = ("restart", due, new TaskCompletionSource<(int, string)>(TaskCreationOptions.RunContinuationsAsynchronously));
            }
        }
        if (job is not { } j)
        {
            return memory;
        }
        (int, string, AgentMemory) outcome = j.Kind == "reinitialize" ? await ReinitAsync(input, memory, ct) : await RestartAsync(input, j.Restart, memory, ct);
        j.Reply.TrySetResult((outcome.Item1, outcome.Item2));
        return outcome.Item3;
    }

    private async Task<(int, string, AgentMemory)> RestartAsync(HaInput input, RestartRequest restart, AgentMemory memory, CancellationToken ct)
    {
        LocalPostgres pg = input.Postgres;
        if (!pg.IsRunning || !restart.Applies(pg.IsRunningPrimary, pg.ServerVersion, pg.PendingRestart))
        {
            return (503, "restart conditions are not satisfied", memory);
        }
        try
        {
            logger.LogInformation("restarting PostgreSQL as requested");
            await control.StopAsync(DemoteMode.Graceful, ct);
            await control.ReloadAsync(ct);
            return (200, "restarted successfully", memory);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError("restart failed: {Error}", e.Message);
            return (503, "restart failed", memory);
        }
    }

    private async Task<(int, string, AgentMemory)> ReinitAsync(HaInput input, AgentMemory memory, CancellationToken ct)
    {
        if (input.Cluster.Leader is null)
        {
            return (503, "Cluster has no leader, can not reinitialize", memory);
        }
        if (input.Cluster.IsLeader(input.Settings.Name))
        {
            return (503, "I am the leader, can not reinitialize", memory);
        }
        logger.LogWarning("reinitializing as requested: moving the data directory aside; a fresh copy is cloned from the leader");
        await control.StopAsync(DemoteMode.Immediate, ct);
        await provisioning.RemoveDataDirectoryAsync(ct);
        return (200, "reinitialize started", memory with { NeedsRewindCheck = false, FollowingLeader = null });
    }
}

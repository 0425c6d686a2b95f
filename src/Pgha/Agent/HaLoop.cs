using Microsoft.Extensions.Logging;
using Pgha.Core.Ha;
using Pgha.Logging;

namespace Pgha.Agent;

/// <summary>The agent loop: observe, decide (pure), log one line, act, publish, wait. Nothing else.</summary>
public sealed class HaLoop(
    HaObserver observer,
    HaExecutor executor,
    MemberPublisher publisher,
    LoopWakeup wakeup,
    ClusterSettings settings,
    SafetyStop safetyStop,
    SlotKeeper slots,
    FailsafeKeeper failsafeKey,
    PrimaryFence fence,
    ConfigReload configReload,
    OperatorRequests requests,
    TimeProvider clock,
    ILogger<HaLoop> logger)
{
    private static readonly TimeSpan s_againFloor = TimeSpan.FromMilliseconds(100);

    public AgentMemory Memory { get; private set; } = AgentMemory.Initial;

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            DateTimeOffset started = clock.GetUtcNow();
            try
            {
                bool again = await CycleAsync(ct);
                if (again)
                {
                    // At once, but never a busy loop: a cycle that failed fast waits a little before the next.
                    TimeSpan took = clock.GetUtcNow() - started;
                    if (took < s_againFloor)
                    {
                        await Task.Delay(s_againFloor - took, clock, ct);
                    }
                    continue;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "HA cycle failed: {Error}", e.Message);
                Memory = await safetyStop.CheckAsync(Memory, settings.Ha, ct);
            }
            try
            {
                await wakeup.WaitAsync(LeaderKeyRefresh.WaitFrom(Memory, started), settings.Ha.LoopWait, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One cycle. True when the next cycle must run at once (a key refresh just failed or got no answer).</summary>
    private async Task<bool> CycleAsync(CancellationToken ct)
    {
        HaInput input = await observer.ObserveAsync(Memory, ct);
        HaDecision decision = HaRules.Decide(input);
        Log.HaCycle(logger, decision.Reason);
        Memory = await executor.ExecuteAsync(decision, input, ct);
        fence.Update(Memory, input.Settings, input.LongAction);
        await slots.KeepAsync(input, Memory, ct);
        await failsafeKey.KeepAsync(input, Memory, ct);
        await configReload.ApplyAsync(input, decision, ct);
        Memory = await requests.RunAsync(input, decision, Memory, ct);
        try
        {
            await publisher.PublishAsync(input, Memory, input.LongAction, ct);
        }
        catch (DcsUnavailableException e)
        {
            logger.LogWarning("could not publish the member key: {Error}", e.Message);
        }
        return Memory.LockRefreshFailed || Memory.LeaderKeyInDoubt;
    }
}

using Pgha.Core.Ha;

namespace Pgha.Agent;

/// <summary>
/// Runs one long action (bootstrap, clone, rewind) beside the HA loop, like Patroni's async executor. The loop
/// keeps cycling (refreshing the leader key, publishing state) and the rules see the action as a fact.
/// </summary>
public sealed class LongActionRunner
{
    private readonly object _gate = new();
    private Task? _task;
    private LongActionStatus? _status;
    private TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the running action ends (used to wake the loop at once).</summary>
    public Task Finished
    {
        get { lock (_gate) { return _finished.Task; } }
    }

    public bool IsRunning
    {
        get { lock (_gate) { return _task is { IsCompleted: false }; } }
    }

    /// <summary>Starts <paramref name="work"/> unless an action already runs (then it is ignored).</summary>
    public void Start(string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_task is { IsCompleted: false })
            {
                return;
            }
            _status = new LongActionStatus(name, Running: true, Failed: false, Error: null);
            _finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _task = Task.Run(() => RunAsync(name, work, ct), CancellationToken.None);
        }
    }

    /// <summary>The running action, or the finished one exactly once (so the rules react to its outcome once).</summary>
    public LongActionStatus? TakeStatus()
    {
        lock (_gate)
        {
            LongActionStatus? status = _status;
            if (status is { Running: false })
            {
                _status = null;
            }
            return status;
        }
    }

    private async Task RunAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct)
    {
        LongActionStatus outcome;
        try
        {
            await work(ct);
            outcome = new LongActionStatus(name, Running: false, Failed: false, Error: null);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            outcome = new LongActionStatus(name, Running: false, Failed: true, Error: e.Message);
        }
        catch (OperationCanceledException)
        {
            outcome = new LongActionStatus(name, Running: false, Failed: true, Error: "cancelled");
        }
        TaskCompletionSource finished;
        lock (_gate)
        {
            _status = outcome;
            finished = _finished;
        }
        finished.TrySetResult();
    }
}

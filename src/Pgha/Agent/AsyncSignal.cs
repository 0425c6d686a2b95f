namespace Pgha.Agent;

/// <summary>An auto-reset wake-up flag: any number of <see cref="Set"/> calls wake one waiter once.</summary>
public sealed class AsyncSignal
{
    private readonly object _gate = new();
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set()
    {
        lock (_gate)
        {
            _tcs.TrySetResult();
        }
    }

    /// <summary>The task to await; it completes on the next <see cref="Set"/> (or at once if already set).</summary>
    public Task WaitTask
    {
        get { lock (_gate) { return _tcs.Task; } }
    }

    /// <summary>Re-arms the flag after a wake-up was consumed.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            if (_tcs.Task.IsCompleted)
            {
                _tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Pgha.Processes;

/// <summary>
/// Waits for any process (not only a child) to exit without polling: a Linux pidfd (5.3+) becomes readable when its
/// process exits. One dedicated thread per watched process sleeps in poll(2) until then, so an idle agent does not
/// wake ten times a second to look at /proc. Callers fall back to polling when the kernel has no pidfd.
/// </summary>
internal static class ProcessExit
{
    private const int Eintr = 4;

    private static readonly ConcurrentDictionary<int, Task> s_watched = new();

    /// <summary>A task that completes when <paramref name="pid"/> exits; null if no pidfd could be opened (no such process, old kernel).</summary>
    /// <param name="stillOurs">Checked after the pidfd is open, so a pid reused in between is not watched.</param>
    public static Task? Watch(int pid, Func<int, bool> stillOurs)
    {
        if (s_watched.TryGetValue(pid, out Task? existing))
        {
            return existing;
        }
        int fd = Posix.PidfdOpen(pid);
        if (fd < 0)
        {
            return null;
        }
        if (!stillOurs(pid))
        {
            Posix.Close(fd);
            return Task.CompletedTask;
        }
        var exited = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!s_watched.TryAdd(pid, exited.Task))
        {
            Posix.Close(fd);
            return s_watched.GetValueOrDefault(pid) ?? Task.CompletedTask;
        }
        var thread = new Thread(() => BlockUntilExit(pid, fd, exited)) { IsBackground = true, Name = $"exit-{pid}" };
        thread.Start();
        return exited.Task;
    }

    private static void BlockUntilExit(int pid, int fd, TaskCompletionSource exited)
    {
        var entry = new Posix.PollFd { Fd = fd, Events = Posix.PollIn };
        while (Posix.Poll(ref entry, 1, -1) < 0 && Marshal.GetLastPInvokeError() == Eintr)
        {
            // Interrupted by a signal: wait again.
        }
        Posix.Close(fd);
        s_watched.TryRemove(pid, out _);
        exited.TrySetResult();
    }
}

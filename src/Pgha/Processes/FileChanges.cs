using System.Runtime.InteropServices;
using System.Text;

namespace Pgha.Processes;

/// <summary>
/// A blocking inotify wait on the calling thread: one fd, poll(2) with a timeout, and only the named files of each
/// watched directory count. The fence waits with it so that an idle wake-up costs a few syscalls, not the hops
/// between FileSystemWatcher's reader thread, the timer thread and the thread pool. A process's exit can end the
/// same wait (its pidfd in the same poll), so the fence need not wake on a timer to look whether the agent is gone.
/// </summary>
internal sealed class FileChanges : IDisposable
{
    private const uint InCloseWrite = 0x8, InMovedFrom = 0x40, InMovedTo = 0x80, InCreate = 0x100, InDelete = 0x200;
    private const uint InDeleteSelf = 0x400, InMoveSelf = 0x800, InQueueOverflow = 0x4000, InIgnored = 0x8000;
    private const uint Mask = InCloseWrite | InMovedFrom | InMovedTo | InCreate | InDelete | InDeleteSelf | InMoveSelf;
    private const int InCloexec = 0x80000, InNonblock = 0x800;

    private readonly int _fd;
    private readonly int _cancelFd;
    private readonly Dictionary<int, (string Dir, HashSet<string> Names)> _watches = [];
    private readonly byte[] _buffer = new byte[4096];
    private int _exitFd = -1;

    private FileChanges(int fd, int cancelFd) => (_fd, _cancelFd) = (fd, cancelFd);

    /// <summary>null when the kernel gives no inotify or eventfd (the caller then wakes on its timeout only).</summary>
    public static FileChanges? Open()
    {
        int fd = inotify_init1(InCloexec | InNonblock);
        if (fd < 0)
        {
            return null;
        }
        int cancelFd = eventfd(0, InCloexec);
        if (cancelFd < 0)
        {
            Posix.Close(fd);
            return null;
        }
        return new FileChanges(fd, cancelFd);
    }

    /// <summary>Watches <paramref name="names"/> in <paramref name="directory"/>; false when it does not exist (yet).</summary>
    public bool Watch(string directory, params string[] names)
    {
        int wd = inotify_add_watch(_fd, directory, Mask);
        if (wd < 0)
        {
            return false;
        }
        _watches[wd] = (directory, names.ToHashSet(StringComparer.Ordinal));
        return true;
    }

    /// <summary>True while <paramref name="directory"/> is watched (a deleted or replaced directory drops its watch).</summary>
    public bool IsWatching(string directory) => _watches.Values.Any(w => w.Dir == directory);

    /// <summary>
    /// Makes the exit of <paramref name="pid"/> end a wait, as a change. False when it cannot (no such process, a kernel
    /// without pidfd, one process watched already): the caller must then look for itself.
    /// </summary>
    public bool WatchExit(int pid)
    {
        if (_exitFd >= 0)
        {
            return false;
        }
        int fd = Posix.PidfdOpen(pid);
        if (fd < 0)
        {
            return false;
        }
        _exitFd = fd;
        return true;
    }

    /// <summary>True while the process of <see cref="WatchExit"/> is watched, i.e. its exit has not been seen.</summary>
    public bool IsWatchingExit => _exitFd >= 0;

    /// <summary>Makes a <see cref="Wait"/> in progress (or the next one) return at once.</summary>
    public void Interrupt() => _ = write(_cancelFd, BitConverter.GetBytes(1L), 8);

    /// <summary>Blocks until a watched name changes, a watched directory goes away, or the timeout; true on a change.</summary>
    public bool Wait(TimeSpan timeout)
    {
        // A negative fd is ignored by poll(2): without a watched process the third entry never fires.
        Span<Posix.PollFd> fds = [new Posix.PollFd { Fd = _fd, Events = Posix.PollIn }, new Posix.PollFd { Fd = _cancelFd, Events = Posix.PollIn },
            new Posix.PollFd { Fd = _exitFd, Events = Posix.PollIn }];
        int ms = (int)Math.Clamp(Math.Ceiling(timeout.TotalMilliseconds), 0, int.MaxValue);
        if (Posix.Poll(ref MemoryMarshal.GetReference(fds), 3, ms) <= 0)
        {
            return false; // timeout or EINTR (the caller loops)
        }
        if (fds[2].Revents != 0)
        {
            // The process exited: report it once, then stop watching (a readable pidfd stays readable).
            Posix.Close(_exitFd);
            _exitFd = -1;
            return true;
        }
        return fds[0].Revents != 0 && Drain(); // else an interrupt
    }

    /// <summary>Reads every queued event; true if one concerns a watched name or a watched directory itself.</summary>
    private bool Drain()
    {
        bool relevant = false;
        int n;
        while ((n = (int)read(_fd, _buffer, (nuint)_buffer.Length)) > 0)
        {
            for (int at = 0; at + 16 <= n;)
            {
                int wd = BitConverter.ToInt32(_buffer, at);
                uint mask = BitConverter.ToUInt32(_buffer, at + 4);
                int len = (int)BitConverter.ToUInt32(_buffer, at + 12);
                string name = Encoding.UTF8.GetString(_buffer, at + 16, len).TrimEnd('\0');
                at += 16 + len;
                if ((mask & (InIgnored | InDeleteSelf | InMoveSelf | InQueueOverflow)) != 0)
                {
                    _watches.Remove(wd);
                    relevant = true;
                }
                else if (_watches.TryGetValue(wd, out var watch) && watch.Names.Contains(name))
                {
                    relevant = true;
                }
            }
        }
        return relevant;
    }

    public void Dispose()
    {
        Posix.Close(_fd);
        Posix.Close(_cancelFd);
        if (_exitFd >= 0)
        {
            Posix.Close(_exitFd);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_init1(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int inotify_add_watch(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mask);

    [DllImport("libc", SetLastError = true)]
    private static extern int eventfd(uint initval, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, byte[] buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    private static extern nint write(int fd, byte[] buffer, nuint count);
}

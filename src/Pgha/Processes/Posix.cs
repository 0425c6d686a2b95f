using System.Runtime.InteropServices;

namespace Pgha.Processes;

/// <summary>The few libc calls .NET does not wrap: who we are, who owns a file, changing a file's owner, poll(2) and pidfds.</summary>
internal static class Posix
{
    /// <summary>poll(2)'s "there is data to read" event bit.</summary>
    public const short PollIn = 0x1;

    // pidfd_open has the same number on every Linux architecture (the syscall table was unified at 424+).
    private const long SysPidfdOpen = 434;

    public static bool IsRoot => geteuid() == 0;

    /// <summary>
    /// A pidfd of <paramref name="pid"/> (Linux 5.3+): it becomes readable for poll(2) when the process exits. Negative
    /// when none could be opened (no such process, an older kernel).
    /// </summary>
    public static int PidfdOpen(int pid) => (int)syscall(SysPidfdOpen, pid, 0);

    /// <summary>close(2) of a descriptor nothing was written through (pidfds, inotify, eventfd, read-only opens): it cannot lose data, so its result is ignored.</summary>
    public static void Close(int fd) => _ = close(fd);

    /// <summary>
    /// poll(2) over <paramref name="count"/> entries starting at <paramref name="fds"/>; the result and errno
    /// (<see cref="Marshal.GetLastPInvokeError"/>) are the kernel's.
    /// </summary>
    public static int Poll(ref PollFd fds, nuint count, int timeoutMs) => poll(ref fds, count, timeoutMs);

    /// <summary>Changes owner and group; throws naming the path when the kernel refuses.</summary>
    public static void Chown(string path, OsUser owner)
    {
        if (chown(path, owner.Uid, owner.Gid) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new PghaException($"{path}: cannot change owner to {owner.Name} (errno {errno}); run pgha as root or as {owner.Name}");
        }
    }

    /// <summary>The uid owning <paramref name="path"/> (.NET exposes modes but not owners).</summary>
    public static uint OwnerUid(string path)
    {
        byte[] buffer = new byte[256];
        if (stat(path, buffer) != 0)
        {
            throw new IOException($"{path}: stat failed (errno {Marshal.GetLastPInvokeError()})");
        }
        // struct stat: x86_64 keeps st_uid at offset 28; the generic layout (aarch64 and others) at 24.
        int offset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 28 : 24;
        return BitConverter.ToUInt32(buffer, offset);
    }

    /// <summary>One entry of poll(2)'s array (struct pollfd).</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollFd fds, nuint count, int timeout);

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern long syscall(long number, int pid, uint flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}

using System.Runtime.InteropServices;

namespace Pgha.Processes;

/// <summary>The few libc calls .NET does not wrap: who we are, who owns a file, and changing a file's owner.</summary>
internal static class Posix
{
    public static bool IsRoot => geteuid() == 0;

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

    [DllImport("libc", SetLastError = true)]
    private static extern uint geteuid();

    [DllImport("libc", SetLastError = true)]
    private static extern int chown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint owner, uint group);

    [DllImport("libc", SetLastError = true)]
    private static extern int stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] buffer);
}

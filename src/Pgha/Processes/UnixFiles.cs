namespace Pgha.Processes;

/// <summary>Modes and owners for files and directories; pgha runs on Linux only, and this is the one place that says so.</summary>
public static class UnixFiles
{
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> if needed and sets its mode (not masked by umask) and owner.</summary>
    public static void EnsureDirectory(string path, UnixFileMode mode, OsUser? owner)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("pgha runs on Linux");
        }
        Directory.CreateDirectory(path, mode);
        File.SetUnixFileMode(path, mode);
        if (owner is not null && Posix.IsRoot)
        {
            Posix.Chown(path, owner);
        }
    }
}

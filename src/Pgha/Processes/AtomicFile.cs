namespace Pgha.Processes;

/// <summary>Writes a file so readers see the old or the new content, never half: temp file, fsync, rename.</summary>
public static class AtomicFile
{
    public const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Normal = Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="owner">Set before the rename so the file never exists under the wrong owner; null keeps ours.</param>
    /// <param name="durable">
    /// False skips the fsync: for files that only live processes read and that mean nothing after a reboot (the fence
    /// deadline), where the fsync would delay a promotion while etcd's own fsyncs share the disk.
    /// </param>
    public static void Write(string path, string text, UnixFileMode mode, OsUser? owner, bool durable = true)
    {
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // The mode is given at creation, so a secret is never readable by others, not even for a moment.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }
            using (var stream = new FileStream(temp, options))
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                writer.Write(text);
                writer.Flush();
                stream.Flush(flushToDisk: durable);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, mode);
            }
            if (owner is not null && Posix.IsRoot)
            {
                Posix.Chown(temp, owner);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}

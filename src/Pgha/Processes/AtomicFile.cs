namespace Pgha.Processes;

/// <summary>Writes a file so readers see the old or the new content, never half: temp file, fsync, rename.</summary>
public static class AtomicFile
{
    public const UnixFileMode Secret = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Normal = Secret | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <param name="owner">Set before the rename so the file never exists under the wrong owner; null keeps ours.</param>
    public static void Write(string path, string text, UnixFileMode mode, OsUser? owner)
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
                stream.Flush(flushToDisk: true);
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

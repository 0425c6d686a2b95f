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
        string temp = WriteTemporary(new FileContent(path, text, mode), owner, durable);
        try
        {
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Several files, each durable before any replaces its target: their fsyncs run at once, so the file system's
    /// journal commits them together instead of one commit (about 10 ms on a busy disk) after another.
    /// </summary>
    public static void WriteAll(IReadOnlyList<FileContent> files, OsUser? owner)
    {
        string?[] temps = new string?[files.Count];
        try
        {
            try
            {
                Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, files.Count) },
                    i => temps[i] = WriteTemporary(files[i], owner, durable: true));
            }
            catch (AggregateException e)
            {
                // The first file's own error (disk full, permissions), as a single write would have thrown it.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
            for (int i = 0; i < files.Count; i++)
            {
                File.Move(temps[i]!, files[i].Path, overwrite: true);
            }
        }
        finally
        {
            foreach (string? temp in temps.OfType<string>())
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The content in a new file beside its target, with its mode and owner set; the caller renames it.</summary>
    private static string WriteTemporary(FileContent file, OsUser? owner, bool durable)
    {
        string temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file.Path))!, $".{Path.GetFileName(file.Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            // The mode is given at creation, so a secret is never readable by others, not even for a moment.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = file.Mode;
            }
            using (var stream = new FileStream(temp, options))
            {
                using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                writer.Write(file.Text);
                writer.Flush();
                stream.Flush(flushToDisk: durable);
            }
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, file.Mode);
            }
            if (owner is not null && Posix.IsRoot)
            {
                Posix.Chown(temp, owner);
            }
            return temp;
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}

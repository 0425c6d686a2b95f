using System.Security.Cryptography;
using System.Text;
using Pgha.Core.Generation;

namespace Pgha.Cli.Gen;

/// <summary>
/// Writes generated files without ever losing a user's edit: a manifest (.pgha-gen.sha256) remembers
/// what was last written, so a file that differs from it was changed by the user and is kept unless
/// forced. Each write is atomic (temp file, fsync, rename) and secrets are 0600 from the start.
/// </summary>
public sealed class GeneratedFileWriter(string outputDir, bool force)
{
    private const string ManifestName = ".pgha-gen.sha256";

    public IReadOnlyList<FileOutcome> WriteAll(IReadOnlyList<GeneratedFile> files)
    {
        Directory.CreateDirectory(outputDir);
        Dictionary<string, string> manifest = ReadManifest();
        var outcomes = new List<FileOutcome>();
        foreach (GeneratedFile file in files)
        {
            string path = Path.Combine(outputDir, file.OutputPath);
            string newHash = Hash(file.Content);
            FileChange change = Decide(path, newHash, manifest.GetValueOrDefault(file.OutputPath));
            if (change is FileChange.Created or FileChange.Updated or FileChange.Overwritten)
            {
                WriteAtomically(path, file);
                manifest[file.OutputPath] = newHash;
            }
            outcomes.Add(new FileOutcome(file.OutputPath, change));
        }
        WriteAtomically(Path.Combine(outputDir, ManifestName), new GeneratedFile("", ManifestName,
            string.Concat(manifest.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Value}  {e.Key}\n")), false, false));
        return outcomes;
    }

    private FileChange Decide(string path, string newHash, string? lastWrittenHash)
    {
        if (!File.Exists(path))
        {
            return FileChange.Created;
        }
        string currentHash = Hash(File.ReadAllText(path));
        if (currentHash == newHash)
        {
            return FileChange.Unchanged;
        }
        if (currentHash == lastWrittenHash)
        {
            return FileChange.Updated;
        }
        return force ? FileChange.Overwritten : FileChange.KeptUserEdit;
    }

    private static void WriteAtomically(string path, GeneratedFile file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temp = $"{path}.tmp-{Environment.ProcessId}";
        UnixFileMode mode = file.IsSecret ? UnixFileMode.UserRead | UnixFileMode.UserWrite
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        if (file.IsExecutable)
        {
            mode |= UnixFileMode.UserExecute | (file.IsSecret ? 0 : UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created 0600 from the first byte: a secret is never readable by others, even briefly.
            options.UnixCreateMode = mode;
        }
        using (var stream = new FileStream(temp, options))
        {
            stream.Write(Encoding.UTF8.GetBytes(file.Content));
            stream.Flush(flushToDisk: true);
        }
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, mode);
        }
        File.Move(temp, path, overwrite: true);
    }

    private Dictionary<string, string> ReadManifest()
    {
        string path = Path.Combine(outputDir, ManifestName);
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }
        return File.ReadAllLines(path).Select(l => l.Split("  ", 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[1], p => p[0], StringComparer.Ordinal);
    }

    private static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

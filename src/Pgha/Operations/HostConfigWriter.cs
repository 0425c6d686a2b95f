using Pgha.Core.Generation;
using Pgha.Processes;

namespace Pgha.Operations;

/// <summary>
/// Installs one host's generated files into its config folder on this machine (sandbox and tests): secrets 0600,
/// scripts 0755, owned by the service user, because the agent runs as that user and reads its config and pgpass.
/// </summary>
public static class HostConfigWriter
{
    public static void Write(IReadOnlyList<GeneratedFile> files, string host, string configDir, string serviceUser)
    {
        OsUser owner = OsUser.Lookup(serviceUser);
        UnixFiles.EnsureDirectory(configDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, owner);
        foreach (GeneratedFile file in files.Where(f => f.Host == host))
        {
            UnixFileMode mode = file.IsSecret ? AtomicFile.Secret
                : file.IsExecutable ? AtomicFile.Normal | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute
                : AtomicFile.Normal;
            AtomicFile.Write(Path.Combine(configDir, file.RelativePath), file.Content, mode, owner);
        }
    }
}

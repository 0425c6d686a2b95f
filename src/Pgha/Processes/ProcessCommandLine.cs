using System.Text;

namespace Pgha.Processes;

/// <summary>A process's command line as /proc shows it: the arguments, each ended by a NUL; a server's process title.</summary>
public static class ProcessCommandLine
{
    /// <summary>The raw text (NUL-separated), or null when the process is gone or not ours to read.</summary>
    public static string? Read(int pid)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes($"/proc/{pid}/cmdline"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The arguments, the program first; empty when the process is gone.</summary>
    public static string[] Arguments(int pid) => Read(pid)?.Split('\0', StringSplitOptions.RemoveEmptyEntries) ?? [];
}

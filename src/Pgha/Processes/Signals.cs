using System.Runtime.InteropServices;

namespace Pgha.Processes;

/// <summary>Sends POSIX signals by pid (kill(2)); the BCL has no portable way to send SIGTERM, SIGSTOP or SIGQUIT.</summary>
public static partial class Signals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    public const int SigQuit = 3;
    public const int SigInt = 2;
    public const int SigStop = 19;
    public const int SigCont = 18;
    public const int SigUsr2 = 12;

    /// <summary>Sends <paramref name="signal"/>; false when the process does not exist.</summary>
    public static bool Send(int pid, int signal) => pid > 0 && SysKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int sig);
}

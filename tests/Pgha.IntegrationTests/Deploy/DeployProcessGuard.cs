using System.Diagnostics;

namespace Pgha.IntegrationTests.Deploy;

/// <summary>Kills every process it started, by pid, when disposed (pass or fail). Local until Pgha.Testing has the shared one.</summary>
internal sealed class DeployProcessGuard : IDisposable
{
    private readonly List<Process> _processes = [];

    public Process Start(string fileName, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        Process process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        // Drain the pipes so a chatty etcd never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    public static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        foreach (Process process in _processes)
        {
            Kill(process);
            process.Dispose();
        }
    }
}

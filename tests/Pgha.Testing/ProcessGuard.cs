using System.Collections.Concurrent;
using System.Diagnostics;

namespace Pgha.Testing;

/// <summary>
/// Starts processes for a test and remembers them; <see cref="DisposeAsync"/> ends every one still running
/// (SIGTERM, then SIGKILL after a grace period), pass or fail, by pid and never by name.
/// </summary>
public sealed class ProcessGuard : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, Process> _processes = new();

    public TimeSpan TerminateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Starts <paramref name="fileName"/>; stdout and stderr go to <paramref name="logFile"/> when given.</summary>
    public Process Start(string fileName, IEnumerable<string> args, string? logFile = null, Action<ProcessStartInfo>? configure = null)
    {
        var psi = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            psi.ArgumentList.Add(arg);
        }
        configure?.Invoke(psi);
        Process process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        _processes[process.Id] = process;
        StreamWriter? log = logFile is null ? null : new StreamWriter(logFile, append: true) { AutoFlush = true };
        var gate = new object();
        process.OutputDataReceived += (_, e) => Append(log, gate, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, gate, e.Data);
        process.Exited += (_, _) => { lock (gate) { log?.Dispose(); log = null; } };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Runs a short-lived command to completion and captures its output; killed if it outlives <paramref name="timeout"/>.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, IEnumerable<string> args, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(fileName, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        Process process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {fileName}");
        _processes[process.Id] = process;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var hang = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(hang.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout.TotalSeconds:0.#} s");
        }
        (int exitCode, string output, string errors) = (process.ExitCode, await stdout, await stderr);
        Forget(process);
        return (exitCode, output, errors);
    }

    /// <summary>SIGTERM, wait up to the grace period, then SIGKILL; returns when the process has exited.</summary>
    public async Task StopAsync(Process process)
    {
        if (!process.HasExited)
        {
            await TerminateAsync(process.Id);
            using var grace = new CancellationTokenSource(TerminateGrace);
            try
            {
                await process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync(process);
            }
        }
        Forget(process);
    }

    /// <summary>SIGKILL at once (a crash), and wait for the exit.</summary>
    public async Task KillAsync(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        Forget(process);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Values.ToList().Select(StopAsync));
    }

    /// <summary>SIGTERM by pid through kill(1): Process.Kill can only send SIGKILL.</summary>
    private static async Task TerminateAsync(int pid)
    {
        using Process? kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        });
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    private void Forget(Process process)
    {
        // Look the process up by reference: its Id is no longer readable once another path has disposed it.
        foreach ((int pid, Process known) in _processes)
        {
            if (ReferenceEquals(known, process) && _processes.TryRemove(pid, out _))
            {
                process.Dispose();
            }
        }
    }

    private static void Append(StreamWriter? log, object gate, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (gate)
        {
            log?.WriteLine(line);
        }
    }
}

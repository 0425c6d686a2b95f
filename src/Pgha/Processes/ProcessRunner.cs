using System.Diagnostics;

namespace Pgha.Processes;

/// <summary>
/// Runs programs to completion and captures their output. As root it runs them as <see cref="ProcessSpec.User"/>
/// with that user's HOME/USER/LOGNAME and a clean PATH, because PostgreSQL refuses to run as root.
/// A program that leaves a daemon behind must not hand it our pipes (use <c>pg_ctl -l logfile</c>), or reading the
/// output would wait for the daemon; the reads are bounded after exit for that reason.
/// </summary>
public sealed class ProcessRunner
{
    private static readonly TimeSpan s_outputDrainLimit = TimeSpan.FromSeconds(5);

    public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken ct)
    {
        using var process = new Process { StartInfo = StartInfo(spec) };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PghaException($"cannot run {spec.FileName}: {e.Message}; check postgresql.bin_dir and that the file is executable");
        }
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        await FeedInputAsync(process, spec.StandardInput);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(spec.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            throw new TimeoutException($"{spec.CommandLine} did not finish within {spec.Timeout.TotalSeconds:0} s and was killed");
        }
        return new ProcessResult(process.ExitCode, await DrainAsync(stdout), await DrainAsync(stderr));
    }

    private static ProcessStartInfo StartInfo(ProcessSpec spec)
    {
        var info = new ProcessStartInfo(spec.FileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        string home = spec.User?.Home ?? Environment.GetEnvironmentVariable("HOME") ?? "/";
        if (spec.User is not null && Posix.IsRoot && spec.User.Uid != 0)
        {
            info.UserName = spec.User.Name;
            info.Environment["USER"] = spec.User.Name;
            info.Environment["LOGNAME"] = spec.User.Name;
            info.Environment["HOME"] = home;
        }
        info.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin";
        info.WorkingDirectory = spec.WorkingDirectory ?? (Directory.Exists(home) ? home : "/");
        foreach (string name in info.Environment.Keys.Where(IsOurs).ToList())
        {
            info.Environment.Remove(name);
        }
        foreach ((string name, string? value) in spec.Environment)
        {
            info.Environment[name] = value;
        }
        return info;
    }

    /// <summary>Our own settings (which may hold secrets) are not the child's business.</summary>
    private static bool IsOurs(string name) =>
        name.StartsWith("PATRONI_", StringComparison.Ordinal) || name.StartsWith("PGHA_", StringComparison.Ordinal)
        || name is "PGPASSWORD";

    private static async Task FeedInputAsync(Process process, string? input)
    {
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }
        process.StandardInput.Close();
    }

    private static async Task<string> DrainAsync(Task<string> read)
    {
        Task finished = await Task.WhenAny(read, Task.Delay(s_outputDrainLimit));
        return finished == read ? await read : "(output still held open by a child process)";
    }
}

using System.Diagnostics;

namespace Pgha.IntegrationTests.Operate;

/// <summary>Runs the real <c>pgha</c> CLI (or patronictl) as a child process; killed by pid if it overruns.</summary>
public static class CtlRun
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;
    }

    public static Task<Result> PghaAsync(params string[] args) => PghaWithInputAsync(null, args);

    public static Task<Result> PghaWithInputAsync(string? stdin, params string[] args) =>
        RunAsync("dotnet", [typeof(Pgha.Program).Assembly.Location, .. args], stdin);

    public static async Task<Result> RunAsync(string file, IReadOnlyList<string> args, string? stdin)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment.Remove("PGHA_CONFIG_FILE");
        start.Environment.Remove("PATRONICTL_CONFIG_FILE");
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within 120 s");
        }
        return new Result(process.ExitCode, await output, await error);
    }
}

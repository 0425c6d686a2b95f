using System.Globalization;
using Pgha.Processes;

namespace Pgha.Verify;

/// <summary>
/// <c>--fault-command</c> and <c>--heal-command</c>: any shell command as the fault (a partition through nft or
/// ip link, a kill -9 by pid). Both get PGHA_VERIFY_PRIMARY and PGHA_VERIFY_PRIMARY_PORT (the server of the last
/// acknowledged write, empty if none yet) and PGHA_VERIFY_FAULT (1, 2, ...). A command that fails is reported in the
/// fault's detail; the run goes on.
/// </summary>
public sealed class ShellFaults(string faultCommand, string? healCommand) : IFaultInjector
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    public async Task<InjectedFault> InjectAsync(string name, FaultTarget target, CancellationToken ct)
    {
        string detail = await RunAsync(faultCommand, target, ct);
        return new InjectedFault(detail, async heal =>
        {
            if (healCommand is not null)
            {
                await RunAsync(healCommand, target, heal);
            }
        });
    }

    private static async Task<string> RunAsync(string command, FaultTarget target, CancellationToken ct)
    {
        var spec = new ProcessSpec("/bin/sh", ["-c", command])
        {
            Timeout = s_timeout,
            Environment = new Dictionary<string, string?>
            {
                ["PGHA_VERIFY_PRIMARY"] = target.PrimaryHost ?? "",
                ["PGHA_VERIFY_PRIMARY_PORT"] = target.PrimaryPort?.ToString(CultureInfo.InvariantCulture) ?? "",
                ["PGHA_VERIFY_FAULT"] = target.Index.ToString(CultureInfo.InvariantCulture),
                // The runner's clean PATH lacks /usr/sbin, where ip and nft live.
                ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            },
        };
        ProcessResult result;
        try
        {
            result = await new ProcessRunner().RunAsync(spec, ct);
        }
        catch (TimeoutException e)
        {
            return $"({e.Message})";
        }
        return result.Succeeded ? "" : $"(command failed with exit {result.ExitCode}: {result.LastErrorLine})";
    }
}

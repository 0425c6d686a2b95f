using System.Globalization;
using System.Text.RegularExpressions;
using Pgha.Testing;

namespace Pgha.Bench;

/// <summary>Runs wrk against one URL and reads requests per second and the p99 latency from its report.</summary>
public static partial class Wrk
{
    public static async Task<(double RequestsPerSecond, double P99Ms)> RunAsync(ProcessGuard processes, string url, int seconds)
    {
        (int code, string output, string errors) = await processes.RunAsync(
            "wrk", ["-t", "1", "-c", "8", "-d", $"{seconds}s", "--latency", url], TimeSpan.FromSeconds(seconds + 30));
        if (code != 0)
        {
            throw new InvalidOperationException($"wrk {url} failed ({code}): {errors}");
        }
        double rps = double.Parse(RpsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        Match p99 = P99Line().Match(output);
        double value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
        double ms = p99.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        return (rps, ms);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"\s99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P99Line();
}

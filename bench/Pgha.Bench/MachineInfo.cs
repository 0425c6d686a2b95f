using Pgha.Testing;

namespace Pgha.Bench;

/// <summary>The header of a report: date, machine and the versions measured.</summary>
public static class MachineInfo
{
    public static async Task<string> DescribeAsync(BenchSettings settings)
    {
        await using var processes = new ProcessGuard();
        async Task<string> Run(string file, params string[] args)
        {
            (_, string output, string errors) = await processes.RunAsync(file, args, TimeSpan.FromSeconds(30));
            return (output + errors).Split('\n')[0].Trim();
        }
        string cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
        string memory = File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim();
        return $"""
            Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC
            Machine: {Environment.ProcessorCount} cores ({cpu}), {memory} RAM, {await Run("uname", "-sr")}
            PostgreSQL: {await Run("/usr/lib/postgresql/15/bin/postgres", "--version")}; etcd: {await Run("etcd", "--version")}; Patroni: {await Run("patroni", "--version")}; wrk: {await Run("wrk", "-v")}
            pgha: {settings.PghaBinary} (commit {await Run("git", "rev-parse", "--short", "HEAD")})
            Repetitions: {settings.Repetitions}; profiles: {string.Join(", ", settings.Profiles.Select(p => $"{p.Name} (pgha {BenchProfile.Describe(p.Pgha)}; Patroni {BenchProfile.Describe(p.Patroni)})"))}; idle window {settings.IdleSeconds} s; wrk {settings.WrkSeconds} s

            """;
    }
}

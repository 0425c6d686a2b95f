using System.Globalization;

namespace Pgha.Postgres;

/// <summary>
/// Sees a starting postmaster become ready the way <c>pg_ctl start -w</c> does (its postmaster.pid names a live
/// postmaster started no earlier than the start request, with status "ready" or "standby"), but every 10 ms instead
/// of pg_ctl's 100: a bootstrap waits for two starts in a row (the leader's, then each replica's).
/// </summary>
internal static class PostmasterReady
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(10);
    /// <summary>pg_ctl allows the same slack: the pid file's start time has a one-second resolution.</summary>
    private const long StartTimeSlackSeconds = 2;
    /// <summary>pid-file statuses of a server that accepts connections: as a primary, or in hot standby.</summary>
    private static readonly string[] s_accepting = ["ready", "standby"];
    /// <summary>The pid-file status of normal operation (a primary; after a promotion, once hot standby has ended).</summary>
    private static readonly string[] s_normalOperation = ["ready"];

    /// <summary>Completes when the postmaster started at or after <paramref name="requested"/> is ready; polls until cancelled.</summary>
    public static async Task WaitAsync(string dataDir, DateTimeOffset requested, CancellationToken ct)
    {
        string pidFile = Path.Combine(dataDir, "postmaster.pid");
        while (!IsReady(pidFile, requested.ToUnixTimeSeconds() - StartTimeSlackSeconds, s_accepting))
        {
            await Task.Delay(s_poll, ct);
        }
    }

    /// <summary>
    /// After a promotion: completes once the postmaster has left hot standby (its pid file says "ready", written when
    /// the startup process has exited and normal operation begins), or after <paramref name="bound"/>.
    /// </summary>
    public static async Task WaitForNormalOperationAsync(string dataDir, TimeSpan bound, CancellationToken ct)
    {
        string pidFile = Path.Combine(dataDir, "postmaster.pid");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < bound && !IsReady(pidFile, 0, s_normalOperation))
        {
            await Task.Delay(s_poll, ct);
        }
    }

    private static bool IsReady(string pidFile, long startedNoEarlierThan, string[] statuses)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(pidFile);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false;
        }
        // Lines: pid, data dir, start time (epoch seconds), port, socket dir, listen address, shmem key, status.
        return lines.Length >= 8
            && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
            && long.TryParse(lines[2], NumberStyles.None, CultureInfo.InvariantCulture, out long started)
            && started >= startedNoEarlierThan
            && statuses.Contains(lines[7].Trim())
            && PostmasterProcess.IsAlive(pid);
    }
}

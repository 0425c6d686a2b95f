namespace Pgha.Postgres;

/// <summary>
/// What the server logged during one start: the lines appended since <see cref="Mark"/> to pg_ctl's log file and, with
/// logging_collector on, to the collector's current file named in <c>current_logfiles</c> (where the startup
/// process's FATAL goes then). Read when a start failed, to tell a timeline refusal from other failures.
/// </summary>
internal sealed class StartLog
{
    private const int TailLines = 50;
    private static readonly TimeSpan s_collectorDrain = TimeSpan.FromSeconds(2);

    private readonly string _dataDir;
    private readonly (string Path, long Length) _pgCtlLog;
    private readonly (string? Path, long Length) _collectorLog;

    private StartLog(string dataDir, string pgCtlLog)
    {
        _dataDir = dataDir;
        _pgCtlLog = (pgCtlLog, LengthOf(pgCtlLog));
        string? collector = CollectorFile(dataDir);
        _collectorLog = (collector, collector is null ? 0 : LengthOf(collector));
    }

    /// <summary>Notes where both logs end now, before pg_ctl start.</summary>
    public static StartLog Mark(string dataDir, string pgCtlLog) => new(dataDir, pgCtlLog);

    /// <summary>
    /// The last non-empty lines written since the mark. The collector may still be writing the last words of a postmaster
    /// that pg_ctl already saw exit, so without a FATAL or PANIC yet it is read again for a short while.
    /// </summary>
    public async Task<IReadOnlyList<string>> TailAsync(CancellationToken ct)
    {
        IReadOnlyList<string> lines = Read();
        if (!HasSevereLine(lines) && CollectorFile(_dataDir) is not null)
        {
            await BoundedPoll.UntilAsync(_ => Task.FromResult(HasSevereLine(lines = Read())), s_collectorDrain, ct);
        }
        return lines;
    }

    /// <summary>A FATAL or PANIC line: the server's last words when a start fails.</summary>
    public static bool IsSevere(string line) =>
        line.Contains("FATAL:", StringComparison.Ordinal) || line.Contains("PANIC:", StringComparison.Ordinal);

    private static bool HasSevereLine(IReadOnlyList<string> lines) => lines.Any(IsSevere);

    private List<string> Read()
    {
        var lines = new List<string>(NewLines(_pgCtlLog.Path, _pgCtlLog.Length));
        if (CollectorFile(_dataDir) is { } collector)
        {
            // A different file than at the mark (rotation, first start with the collector) is new from its start.
            lines.AddRange(NewLines(collector, collector == _collectorLog.Path ? _collectorLog.Length : 0));
        }
        return lines.Where(l => l.Trim().Length > 0).TakeLast(TailLines).ToList();
    }

    private static IEnumerable<string> NewLines(string path, long from)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            // A log truncated since the mark starts over.
            stream.Position = stream.Length >= from ? from : 0;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No log to read (not written yet, removed, not ours): the start failure is reported without its last words.
            return [];
        }
    }

    /// <summary>The stderr file of <c>current_logfiles</c> (relative to the data directory unless absolute), if any.</summary>
    private static string? CollectorFile(string dataDir)
    {
        string meta = Path.Combine(dataDir, "current_logfiles");
        if (!File.Exists(meta))
        {
            return null;
        }
        string? stderrLine = File.ReadLines(meta).FirstOrDefault(l => l.StartsWith("stderr ", StringComparison.Ordinal));
        return stderrLine is null ? null : Path.Combine(dataDir, stderrLine["stderr ".Length..].Trim());
    }

    private static long LengthOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
}

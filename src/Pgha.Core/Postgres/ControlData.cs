using System.Globalization;

namespace Pgha.Core.Postgres;

/// <summary>The facts the agent needs from <c>pg_controldata</c> (run with LANG=C so the labels are English).</summary>
public sealed record ControlData
{
    public required string SystemIdentifier { get; init; }
    /// <summary>"Database cluster state": <c>shut down</c>, <c>shut down in recovery</c>, <c>in production</c>, <c>in archive recovery</c>, ...</summary>
    public required string ClusterState { get; init; }
    /// <summary>"Latest checkpoint's TimeLineID".</summary>
    public int Timeline { get; init; }
    public long CheckpointLocation { get; init; }
    /// <summary>"Minimum recovery ending location" (0 when none).</summary>
    public long MinRecoveryEndLocation { get; init; }
    /// <summary>"Min recovery ending loc's timeline" (0 when none).</summary>
    public int MinRecoveryEndTimeline { get; init; }
    public bool WalLogHints { get; init; }
    public int DataChecksumVersion { get; init; }

    /// <summary>True when the last shutdown was clean, so pg_rewind may run without crash recovery first.</summary>
    public bool IsCleanShutdown => ClusterState is "shut down" or "shut down in recovery";

    /// <summary>
    /// How far this stopped instance got: a standby stopped in recovery may have replayed past its last restartpoint,
    /// which the minimum recovery ending location records.
    /// </summary>
    public long WalPosition => ClusterState == "shut down in recovery" && MinRecoveryEndLocation > CheckpointLocation
        ? MinRecoveryEndLocation
        : CheckpointLocation;

    /// <summary>
    /// The timeline this stopped instance ended on: a standby's last restartpoint keeps the timeline it had then, while
    /// the minimum recovery ending location carries the timeline it replayed up to, later after a promotion upstream.
    /// </summary>
    public int WalTimeline => ClusterState == "shut down in recovery" && MinRecoveryEndTimeline > Timeline
        ? MinRecoveryEndTimeline
        : Timeline;

    /// <summary>Parses pg_controldata output; throws <see cref="FormatException"/> when a required line is missing.</summary>
    public static ControlData Parse(string text)
    {
        Dictionary<string, string> fields = ReadFields(text);
        return new ControlData
        {
            SystemIdentifier = Required(fields, "Database system identifier"),
            ClusterState = Required(fields, "Database cluster state"),
            Timeline = int.Parse(Required(fields, "Latest checkpoint's TimeLineID"), CultureInfo.InvariantCulture),
            CheckpointLocation = Lsn.Parse(Required(fields, "Latest checkpoint location")),
            MinRecoveryEndLocation = fields.TryGetValue("Minimum recovery ending location", out string? min) ? Lsn.Parse(min) : 0,
            MinRecoveryEndTimeline = fields.TryGetValue("Min recovery ending loc's timeline", out string? minTimeline)
                ? int.Parse(minTimeline, CultureInfo.InvariantCulture)
                : 0,
            WalLogHints = fields.TryGetValue("wal_log_hints setting", out string? hints) && hints == "on",
            DataChecksumVersion = fields.TryGetValue("Data page checksum version", out string? sums)
                ? int.Parse(sums, CultureInfo.InvariantCulture)
                : 0,
        };
    }

    private static Dictionary<string, string> ReadFields(string text)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }
            string key = line[..colon].Trim();
            // Some versions print "Current wal_level setting"; the prefix carries no meaning for us.
            if (key.StartsWith("Current ", StringComparison.Ordinal))
            {
                key = key["Current ".Length..];
            }
            fields.TryAdd(key, line[(colon + 1)..].Trim());
        }
        return fields;
    }

    private static string Required(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out string? value)
            ? value
            : throw new FormatException($"pg_controldata output has no \"{key}\" line; is this a PostgreSQL data directory?");
}

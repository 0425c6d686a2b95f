using System.Globalization;

namespace Pgha.Core.Postgres;

/// <summary>
/// Where a promotion left its parent timeline, from the new timeline's history file (<c>pg_wal/0000000N.history</c>):
/// each line is <c>parent-timeline TAB switch-LSN TAB reason</c>, oldest first, so the last line names the timeline
/// this promotion left and the end of the WAL it had replayed there. That is the row the <c>history</c> key records.
/// </summary>
public sealed record TimelineSwitch(int LeftTimeline, long SwitchLsn, string Reason)
{
    /// <summary>The last switch in a history file's text; null when it names none or a line is not in the file's format.</summary>
    public static TimelineSwitch? LastIn(string historyFile)
    {
        string? last = historyFile.Split('\n')
            .Select(line => line.Trim())
            .LastOrDefault(line => line.Length > 0 && !line.StartsWith('#'));
        if (last is null)
        {
            return null;
        }
        string[] fields = last.Split('\t', 3);
        if (fields.Length < 2
            || !int.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int timeline) || timeline <= 0
            || !Lsn.TryParse(fields[1].Trim(), out long lsn))
        {
            return null;
        }
        return new TimelineSwitch(timeline, lsn, fields.Length == 3 ? fields[2].Trim() : "");
    }

    /// <summary>The history file's name for <paramref name="timeline"/>, as PostgreSQL writes it in pg_wal.</summary>
    public static string FileName(int timeline) => timeline.ToString("X8", CultureInfo.InvariantCulture) + ".history";
}

using System.Text.RegularExpressions;

namespace Pgha.Core.Postgres;

/// <summary>
/// Recognises, in the server log of a failed start, the startup process refusing the requested timeline because the
/// data directory's WAL or minimum recovery point lies on a timeline that left the requested one's history: starting
/// again can never succeed, only a rewind or a fresh clone can. Any other failure (a bad parameter, a busy port) is not
/// one of these and must never lead to erasing data.
/// </summary>
public static partial class TimelineMismatch
{
    /// <summary>True when one FATAL or PANIC line of <paramref name="logLines"/> is one of PostgreSQL 15's timeline refusals.</summary>
    public static bool InStartLog(IEnumerable<string> logLines) => logLines.Any(IsRefusal);

    /// <summary>
    /// Only the startup process's own message right after the severity counts: a walreceiver line such as
    /// <c>FATAL:  could not start WAL streaming: ERROR:  requested starting point ...</c> is about the upstream, not this start.
    /// </summary>
    private static bool IsRefusal(string line)
    {
        int at = SeverityEnd(line);
        return at >= 0 && Refusal().IsMatch(line.AsSpan(at).TrimStart());
    }

    private static int SeverityEnd(string line)
    {
        foreach (string severity in (string[])["FATAL:", "PANIC:"])
        {
            int at = line.IndexOf(severity, StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + severity.Length;
            }
        }
        return -1;
    }

    // xlogrecovery.c (InitWalRecovery, checkTimeLineSwitch) and timeline.c (tliSwitchPoint), in the C locale.
    [GeneratedRegex(
        @"^(requested timeline \d+ is not a child of this server's history"
        + @"|requested timeline \d+ is not in this server's history"
        + @"|requested timeline \d+ does not contain minimum recovery point [0-9A-F]+/[0-9A-F]+ on timeline \d+"
        + @"|unexpected timeline ID \d+ in checkpoint record, before reaching minimum recovery point"
        + @"|unexpected timeline ID \d+ \(after \d+\) in checkpoint record)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Refusal();
}

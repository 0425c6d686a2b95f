using System.Globalization;
using Pgha.Core.Cluster;

namespace Pgha.Core.Ctl;

/// <summary>patronictl's <c>history</c>: TL, LSN, Reason, Timestamp, New Leader.</summary>
public static class HistoryTable
{
    private static readonly string[] s_headers = ["TL", "LSN", "Reason", "Timestamp", "New Leader"];

    public static string Render(IReadOnlyList<HistoryEntry> history, OutputFormat format)
    {
        var rows = history.OrderBy(h => h.Timeline).Select(h => (IReadOnlyList<string>)
        [
            h.Timeline.ToString(CultureInfo.InvariantCulture),
            h.Lsn.ToString(CultureInfo.InvariantCulture),
            h.Reason,
            h.Timestamp?.ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", CultureInfo.InvariantCulture) ?? "",
            h.NewLeader ?? "",
        ]).ToList();
        return format switch
        {
            OutputFormat.Json => RowsText.Json(s_headers, rows),
            OutputFormat.Yaml => RowsText.Yaml(s_headers, rows),
            OutputFormat.Tsv => RowsText.Tsv(s_headers, rows),
            _ => TextTable.Render(null, s_headers, rows, new HashSet<int> { 0, 1 }),
        };
    }
}

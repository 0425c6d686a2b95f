using System.Globalization;
using System.Text;

namespace Pgha.Core.Cluster;

/// <summary>
/// patronictl's <c>list</c> table (the columns the tutorial shows): Member, Host, Role, State, TL, Receive LSN,
/// Lag, Replay LSN, Lag. Pure: rows in, text out.
/// </summary>
public static class ClusterTable
{
    private static readonly string[] s_headers = ["Member", "Host", "Role", "State", "TL", "Receive LSN", "Lag", "Replay LSN", "Lag"];

    public static string Render(string scope, ClusterView cluster)
    {
        List<string[]> rows = cluster.Members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => Row(cluster, m)).ToList();
        int[] widths = s_headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        string title = $"+ Cluster: {scope} ({(string.IsNullOrEmpty(cluster.Initialize) ? "uninitialized" : cluster.Initialize)}) ";
        var text = new StringBuilder();
        text.AppendLine(title.Length < rule.Length ? title + rule[title.Length..] : title);
        text.AppendLine(Line(s_headers, widths, center: true));
        text.AppendLine(rule);
        foreach (string[] row in rows)
        {
            text.AppendLine(Line(row, widths, center: false));
        }
        text.Append(rule);
        return text.ToString();
    }

    private static string[] Row(ClusterView cluster, Member m)
    {
        bool leader = cluster.IsLeader(m.Name);
        string role = leader ? "Leader" : m.Role == MemberRole.Uninitialized ? "Uninitialized" : "Replica";
        string host = m.PostgresEndpoint.Host;
        string tl = m.Timeline?.ToString(CultureInfo.InvariantCulture) ?? "";
        if (leader || m.XlogLocation is not long position)
        {
            return [m.Name, host, role, m.State, tl, "", "", "", ""];
        }
        string lsn = FormatLsn(position);
        string lag = cluster.LastLsn > 0 ? Math.Max(0, (cluster.LastLsn - position) / 1_048_576).ToString(CultureInfo.InvariantCulture) : "0";
        return [m.Name, host, role, m.State, tl, lsn, lag, lsn, lag];
    }

    private static string Line(string[] cells, int[] widths, bool center)
    {
        IEnumerable<string> padded = cells.Select((c, i) => center ? Center(c, widths[i]) : Align(c, widths[i], i));
        return "| " + string.Join(" | ", padded) + " |";
    }

    // TL, LSNs and lags are right-aligned, as in patronictl.
    private static string Align(string cell, int width, int column) => column >= 4 ? cell.PadLeft(width) : cell.PadRight(width);

    private static string Center(string cell, int width)
    {
        int left = (width - cell.Length) / 2;
        return new string(' ', left) + cell + new string(' ', width - cell.Length - left);
    }

    /// <summary>PostgreSQL's <c>X/Y</c> LSN text.</summary>
    public static string FormatLsn(long lsn) => $"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}";
}

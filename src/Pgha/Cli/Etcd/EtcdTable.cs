using System.Text;

namespace Pgha.Cli.Etcd;

/// <summary>Boxed tables in etcdctl's <c>-w table</c> style.</summary>
public static class EtcdTable
{
    public static string Render(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        List<IReadOnlyList<string>> all = [headers, .. rows];
        int[] widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        string line = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+\n";
        var text = new StringBuilder(line);
        for (int r = 0; r < all.Count; r++)
        {
            text.Append("| ").Append(string.Join(" | ", all[r].Select((c, i) => c.PadRight(widths[i])))).Append(" |\n");
            if (r == 0)
            {
                text.Append(line);
            }
        }
        return text.Append(line).ToString();
    }
}

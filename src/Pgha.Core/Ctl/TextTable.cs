using System.Text;

namespace Pgha.Core.Ctl;

/// <summary>
/// patronictl's "pretty" table: a title embedded in the top rule, centred headers, left-aligned text and
/// right-aligned numeric columns. Pure: rows in, text out.
/// </summary>
public static class TextTable
{
    public static string Render(string? title, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, ISet<int> rightAligned)
    {
        int[] widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        string rule = "+" + string.Join("+", widths.Select(w => new string('-', w + 2))) + "+";
        var text = new StringBuilder();
        if (title is null)
        {
            text.AppendLine(rule);
        }
        else
        {
            string head = $"+ {title} ";
            text.AppendLine(head.Length < rule.Length ? head + rule[head.Length..] : head);
        }
        text.AppendLine(Line(headers, widths, i => Center));
        text.AppendLine(rule);
        foreach (IReadOnlyList<string> row in rows)
        {
            text.AppendLine(Line(row, widths, i => rightAligned.Contains(i) ? PadLeft : PadRight));
        }
        text.Append(rule);
        return text.ToString();
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths, Func<int, Func<string, int, string>> align) =>
        "| " + string.Join(" | ", cells.Select((c, i) => align(i)(c, widths[i]))) + " |";

    private static string PadLeft(string cell, int width) => cell.PadLeft(width);

    private static string PadRight(string cell, int width) => cell.PadRight(width);

    private static string Center(string cell, int width)
    {
        int left = (width - cell.Length) / 2;
        return new string(' ', left) + cell + new string(' ', width - cell.Length - left);
    }
}

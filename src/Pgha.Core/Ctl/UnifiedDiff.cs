using System.Text;

namespace Pgha.Core.Ctl;

/// <summary>A unified diff of two small texts (line LCS), in one hunk with the whole file as context.</summary>
public static class UnifiedDiff
{
    /// <summary>Empty when the texts are equal.</summary>
    public static string Render(string before, string after, string beforeName, string afterName)
    {
        string[] a = Lines(before);
        string[] b = Lines(after);
        if (a.SequenceEqual(b, StringComparer.Ordinal))
        {
            return "";
        }
        int[,] lcs = new int[a.Length + 1, b.Length + 1];
        for (int i = a.Length - 1; i >= 0; i--)
        {
            for (int j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }
        var text = new StringBuilder();
        text.Append("--- ").Append(beforeName).Append('\n').Append("+++ ").Append(afterName).Append('\n');
        text.Append($"@@ -1,{a.Length} +1,{b.Length} @@\n");
        int x = 0;
        int y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                text.Append(' ').Append(a[x++]).Append('\n');
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                text.Append('-').Append(a[x++]).Append('\n');
            }
            else
            {
                text.Append('+').Append(b[y++]).Append('\n');
            }
        }
        return text.ToString();
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');
}

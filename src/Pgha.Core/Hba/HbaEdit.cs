namespace Pgha.Core.Hba;

/// <summary>
/// Edits of the pg_hba list that never lose a rule: existing lines are kept verbatim and in order, a new rule is
/// parsed and refused if it duplicates one, removal takes exactly one rule.
/// </summary>
public static class HbaEdit
{
    /// <summary>The new list, or why not. <paramref name="position"/> is 1-based; null appends.</summary>
    public static (IReadOnlyList<string>? Lines, string? Error) Add(IReadOnlyList<string> existing, string line, int? position)
    {
        (HbaRule? rule, string? error) = HbaRule.Parse(line);
        if (rule is null)
        {
            return (null, error);
        }
        for (int i = 0; i < existing.Count; i++)
        {
            if (HbaRule.Parse(existing[i]).Rule is { } other && other.MatchKey == rule.MatchKey)
            {
                string what = other.Text == rule.Text ? "is already rule" : $"matches the same connections as rule";
                return (null, $"\"{rule.Text}\" {what} {i + 1} (\"{existing[i].Trim()}\"); remove that one first if you mean to replace it");
            }
        }
        int at = position is { } p ? p - 1 : existing.Count;
        if (at < 0 || at > existing.Count)
        {
            return (null, $"position {position} is outside 1..{existing.Count + 1}");
        }
        var lines = existing.ToList();
        lines.Insert(at, rule.Text);
        return (lines, null);
    }

    /// <summary>Removes one rule given by its 1-based number or its text (spacing ignored).</summary>
    public static (IReadOnlyList<string>? Lines, string? Error) Remove(IReadOnlyList<string> existing, string ruleOrNumber)
    {
        int index;
        if (int.TryParse(ruleOrNumber, out int number))
        {
            index = number - 1;
            if (index < 0 || index >= existing.Count)
            {
                return (null, $"rule {number} does not exist: there are {existing.Count} rules (see pgha hba list)");
            }
        }
        else
        {
            string wanted = Normalize(ruleOrNumber);
            index = existing.ToList().FindIndex(l => Normalize(l) == wanted);
            if (index < 0)
            {
                return (null, $"\"{ruleOrNumber.Trim()}\" is not in the pg_hba list (see pgha hba list)");
            }
        }
        var lines = existing.ToList();
        lines.RemoveAt(index);
        return (lines, null);
    }

    /// <summary>The rule lines of a pg_hba.conf text: comments and blank lines dropped, order kept.</summary>
    public static IReadOnlyList<string> RulesOf(string fileText) =>
        fileText.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    private static string Normalize(string line) => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

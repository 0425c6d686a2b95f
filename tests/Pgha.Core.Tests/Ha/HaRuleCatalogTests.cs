using System.Reflection;
using System.Text.RegularExpressions;
using Pgha.Core.Ha;

namespace Pgha.Core.Tests.Ha;

/// <summary>Keeps src/Pgha.Core/Ha/HaRuleCatalog.md and <see cref="HaReasons"/> in step, in both directions.</summary>
public sealed class HaRuleCatalogTests
{
    private static readonly Lazy<IReadOnlyList<(string Member, string Template)>> s_catalog = new(ReadCatalog);

    [Fact]
    public void Every_reason_in_HaReasons_is_listed_in_the_catalog()
    {
        IEnumerable<string> missing = ReasonMembers().Select(m => m.Name).Except(s_catalog.Value.Select(r => r.Member)).Order();

        Assert.Empty(missing);
    }

    [Fact]
    public void The_catalog_lists_no_reason_that_HaReasons_lacks()
    {
        IEnumerable<string> stale = s_catalog.Value.Select(r => r.Member).Except(ReasonMembers().Select(m => m.Name)).Order();

        Assert.Empty(stale);
    }

    [Fact]
    public void Each_catalog_template_matches_the_text_its_reason_prints()
    {
        var reasons = ReasonMembers().ToDictionary(m => m.Name);
        foreach ((string member, string template) in s_catalog.Value.Where(r => reasons.ContainsKey(r.Member)))
        {
            switch (reasons[member])
            {
                case FieldInfo field:
                    Assert.Equal(template, (string)field.GetValue(null)!);
                    break;
                case MethodInfo method:
                    AssertTemplateFits(template, method);
                    break;
            }
        }
    }

    private static void AssertTemplateFits(string template, MethodInfo method)
    {
        ParameterInfo[] parameters = method.GetParameters();
        string[] placeholders = [.. Regex.Matches(template, @"\{(\w+)\}").Select(m => m.Groups[1].Value)];
        Assert.True(parameters.Select(p => p.Name).Order().SequenceEqual(placeholders.Order()),
            $"HaRuleCatalog.md: {method.Name} template '{template}' must use exactly the placeholders {{{string.Join("}, {", parameters.Select(p => p.Name))}}}");
        string printed = (string)method.Invoke(null, [.. parameters.Select(SampleArgument)])!;
        string pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{\w+}", ".*?") + "$";
        Assert.True(Regex.IsMatch(printed, pattern), $"HaRuleCatalog.md: {method.Name} template '{template}' does not match what it prints: '{printed}'");
    }

    private static object SampleArgument(ParameterInfo parameter) => parameter.ParameterType switch
    {
        Type t when t == typeof(TimeSpan) => TimeSpan.FromSeconds(26),
        Type t when t == typeof(int) => 1,
        _ => $"<{parameter.Name}>",
    };

    /// <summary>Public const strings and public static string methods: every reason the rules can log.</summary>
    private static IEnumerable<MemberInfo> ReasonMembers() =>
        typeof(HaReasons).GetMembers(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m is FieldInfo { IsLiteral: true } || m is MethodInfo { ReturnType: var r } && r == typeof(string));

    private static IReadOnlyList<(string Member, string Template)> ReadCatalog()
    {
        string path = Path.Combine(RepoRoot(), "src", "Pgha.Core", "Ha", "HaRuleCatalog.md");
        var rows = new List<(string, string)>();
        foreach (string line in File.ReadLines(path).Where(l => l.StartsWith('|')))
        {
            string[] cells = [.. line.Split('|').Select(c => c.Trim())];
            if (cells.Length == 7 && IsCode(cells[4]) && IsCode(cells[5]))
            {
                rows.Add((cells[4].Trim('`'), cells[5].Trim('`')));
            }
        }
        Assert.NotEmpty(rows);
        return rows;
    }

    private static bool IsCode(string cell) => cell.Length > 2 && cell[0] == '`' && cell[^1] == '`';

    private static string RepoRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "pgha.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"pgha.slnx not found above {AppContext.BaseDirectory}; run the tests from the repository");
    }
}

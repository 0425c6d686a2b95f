using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Config;

/// <summary>
/// Reads command-line options for initdb and pg_basebackup, given (as Patroni allows) either as a map
/// (<c>checkpoint: fast</c>) or as a list of flags and one-key maps (<c>- data-checksums</c>, <c>- encoding: UTF8</c>).
/// </summary>
internal static class ToolOptionsReader
{
    /// <param name="owned">Options pgha sets itself; giving one is an error.</param>
    public static IReadOnlyList<InitdbOption>? Read(ConfigSection parent, string key, IReadOnlySet<string> owned, string tool)
    {
        string path = parent.PathOf(key);
        List<InitdbOption> options = parent.Node(key) switch
        {
            null => [],
            YamlMappingNode map => map.Children.Select(e => Option(parent, path, e.Key, e.Value)).OfType<InitdbOption>().ToList(),
            YamlSequenceNode list => list.Children.Select((e, i) => Entry(parent, $"{path}[{i}]", path, e)).OfType<InitdbOption>().ToList(),
            YamlScalarNode scalar => Invalid(parent, path, scalar.Value),
            _ => [],
        };
        int errorsBefore = parent.Report.ErrorCount;
        foreach (InitdbOption option in options.Where(o => owned.Contains(o.Name)))
        {
            parent.Report.Error($"{path}.{option.Name}", option.Value, $"is set by pgha and cannot be passed to {tool}", "remove it");
        }
        return parent.Report.ErrorCount == errorsBefore ? options : null;
    }

    private static List<InitdbOption> Invalid(ConfigSection parent, string path, string? text)
    {
        parent.Report.Error(path, text, "is not a list of options", "write one option per line, as - flag or - name: value");
        return [];
    }

    private static InitdbOption? Entry(ConfigSection parent, string itemPath, string path, YamlNode entry) => entry switch
    {
        YamlScalarNode flag => new InitdbOption(flag.Value ?? "", null),
        YamlMappingNode { Children.Count: 1 } pair => Option(parent, path, pair.Children.First().Key, pair.Children.First().Value),
        _ => Problem(parent, itemPath),
    };

    private static InitdbOption? Option(ConfigSection parent, string path, YamlNode name, YamlNode value)
    {
        string text = ((YamlScalarNode)name).Value ?? "";
        return value switch
        {
            _ when ConfigSection.IsNull(value) => new InitdbOption(text, null),
            YamlScalarNode scalar => new InitdbOption(text, scalar.Value ?? ""),
            _ => Problem(parent, $"{path}.{text}"),
        };
    }

    private static InitdbOption? Problem(ConfigSection parent, string path)
    {
        parent.Report.Error(path, null, "is not an option", "write it as - flag or - name: value");
        return null;
    }
}

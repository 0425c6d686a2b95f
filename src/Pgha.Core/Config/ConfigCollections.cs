using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Config;

/// <summary>List and map getters for <see cref="ConfigSection"/>, with the same error collection.</summary>
internal static class ConfigCollections
{
    /// <summary>
    /// A list of texts; when <paramref name="commaString"/> is set, <c>a,b</c> on one line (or from the
    /// environment) is read as the list [a, b], as Patroni does for <c>etcd3.hosts</c>.
    /// </summary>
    public static IReadOnlyList<string>? TextList(this ConfigSection section, string key, bool commaString)
    {
        YamlNode? child = section.Node(key);
        if (section.Report.Overrides.ContainsKey(section.PathOf(key)) || child is YamlScalarNode)
        {
            ConfigScalar? scalar = section.Scalar(key);
            if (scalar is null)
            {
                return null;
            }
            if (commaString)
            {
                return scalar.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
            section.Report.Error(scalar.Where, scalar.Text, "is not a list", $"write each entry on its own line starting with - under {key}:");
            return null;
        }
        if (child is null)
        {
            return null;
        }
        if (child is not YamlSequenceNode list)
        {
            section.Report.Error(section.PathOf(key), null, "is a map, not a list", $"write each entry on its own line starting with - under {key}:");
            return null;
        }
        var texts = new List<string>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            if (list.Children[i] is YamlScalarNode entry)
            {
                texts.Add(entry.Value ?? "");
            }
            else
            {
                section.NotScalar($"{section.PathOf(key)}[{i}]", list.Children[i]);
            }
        }
        return texts;
    }

    /// <summary>
    /// A map of raw texts, for GUCs: <c>on</c> stays "on", <c>600s</c> stays "600s", <c>100</c> stays "100",
    /// exactly what PostgreSQL needs.
    /// </summary>
    public static IReadOnlyDictionary<string, string>? TextMap(this ConfigSection section, string key)
    {
        ConfigSection map = section.Section(key);
        if (section.Node(key) is not YamlMappingNode node)
        {
            return null;
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((YamlNode name, YamlNode value) in node.Children)
        {
            string path = map.PathOf(((YamlScalarNode)name).Value ?? "");
            if (ConfigSection.IsNull(value))
            {
                section.Report.Error(path, null, "has no value", "give it a value or remove the line");
            }
            else if (value is YamlScalarNode text)
            {
                texts[((YamlScalarNode)name).Value ?? ""] = text.Value ?? "";
            }
            else
            {
                section.NotScalar(path, value);
            }
        }
        return texts;
    }
}

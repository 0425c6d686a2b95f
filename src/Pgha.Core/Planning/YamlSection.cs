using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Planning;

/// <summary>
/// A mapping in an inventory being read, with its key path for messages. Every lookup records its own
/// error and returns an empty value, so the parser goes on and reports every problem at once.
/// </summary>
internal sealed class YamlSection(YamlMappingNode? node, string key, List<InventoryError> errors)
{
    public string Key { get; } = key;

    private string PathOf(string child) => Key.Length == 0 ? child : $"{Key}.{child}";

    private YamlNode? Child(string name) =>
        node is not null && node.Children.TryGetValue(new YamlScalarNode(name), out YamlNode? value) ? value : null;

    public void RejectUnknownKeys(IReadOnlyList<string> known)
    {
        if (node is null)
        {
            return;
        }
        foreach (YamlNode k in node.Children.Keys)
        {
            string name = (k as YamlScalarNode)?.Value ?? k.ToString();
            if (!known.Contains(name))
            {
                errors.Add(new InventoryError(PathOf(name), "unknown key", $"use one of: {string.Join(", ", known)}"));
            }
        }
    }

    public YamlSection Section(string name, bool required)
    {
        YamlNode? child = Child(name);
        if (child is YamlMappingNode map)
        {
            return new YamlSection(map, PathOf(name), errors);
        }
        if (child is not null && !IsNull(child))
        {
            errors.Add(new InventoryError(PathOf(name), "must be a mapping of keys to values", "indent its keys under it"));
        }
        else if (required && node is not null)
        {
            errors.Add(new InventoryError(PathOf(name), "is missing", "add the section; `pgha init` writes an example"));
        }
        return new YamlSection(null, PathOf(name), errors);
    }

    public IReadOnlyList<YamlSection> SectionList(string name)
    {
        YamlNode? child = Child(name);
        if (child is not YamlSequenceNode list || list.Children.Count == 0)
        {
            errors.Add(new InventoryError(PathOf(name), child is null ? "is missing" : "must be a non-empty list", "list every host as '- name: pgha1' with 'address: 192.168.50.10'"));
            return [];
        }
        var sections = new List<YamlSection>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            string itemKey = $"{PathOf(name)}[{i}]";
            if (list.Children[i] is YamlMappingNode map)
            {
                sections.Add(new YamlSection(map, itemKey, errors));
            }
            else
            {
                errors.Add(new InventoryError(itemKey, "must be a mapping with name and address", "write '- name: pgha1' and '  address: 192.168.50.10'"));
            }
        }
        return sections;
    }

    public string RequiredString(string name, string fix)
    {
        string? value = OptionalString(name);
        if (value is null && node is not null)
        {
            errors.Add(new InventoryError(PathOf(name), "is missing", fix));
        }
        return value ?? "";
    }

    public string? OptionalString(string name)
    {
        YamlNode? child = Child(name);
        if (child is null || IsNull(child))
        {
            return null;
        }
        if (child is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
        {
            return scalar.Value.Trim();
        }
        errors.Add(new InventoryError(PathOf(name), "must be a single value", "write it on the same line, e.g. key: value"));
        return null;
    }

    /// <summary>A list of host names (or one name) that must all appear under <c>hosts</c>.</summary>
    public IReadOnlyList<string> HostList(string name, IReadOnlySet<string> knownHosts, bool required)
    {
        YamlNode? child = Child(name);
        List<string> values = child switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
            YamlScalarNode scalar when !IsNull(scalar) => (scalar.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            _ => [],
        };
        if (values.Count == 0 && required && node is not null)
        {
            errors.Add(new InventoryError(PathOf(name), "lists no host", $"list the hosts that run {name}, e.g. {name}: [pgha1, pgha2, pgha3]"));
        }
        foreach (string unknown in values.Where(v => !knownHosts.Contains(v)).Distinct())
        {
            errors.Add(new InventoryError(PathOf(name), $"host \"{unknown}\" is not under hosts", $"add it to hosts or use one of: {string.Join(", ", knownHosts)}"));
        }
        foreach (string twice in values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            errors.Add(new InventoryError(PathOf(name), $"host \"{twice}\" is listed twice", "list each host once"));
        }
        return values;
    }

    private static bool IsNull(YamlNode n) =>
        n is YamlScalarNode s && (s.Value is null || s.Value.Length == 0 || s.Value == "~" || s.Value == "null") && s.Style == YamlDotNet.Core.ScalarStyle.Plain;
}

using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Config;

/// <summary>
/// One YAML mapping with its key path. Each getter checks the environment first, converts the text,
/// records a <see cref="ConfigError"/> instead of throwing, and remembers the key, so that
/// <see cref="WarnUnknownKeys"/> can name every key nobody asked for.
/// </summary>
internal sealed class ConfigSection(YamlMappingNode? node, string path, ConfigReport report)
{
    private static readonly HashSet<string> s_nullWords = new(StringComparer.Ordinal) { "", "~", "null", "Null", "NULL" };
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public ConfigReport Report { get; } = report;

    /// <summary>True when the file had this section (even empty).</summary>
    public bool Exists => node is not null;

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => Report.Overrides.ContainsKey(PathOf(key)) || Node(key) is not null;

    /// <summary>The key's raw node (null when absent or YAML null); marks the key as known.</summary>
    public YamlNode? Node(string key)
    {
        _known.Add(key);
        if (node is null || !node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? child))
        {
            return null;
        }
        return IsNull(child) ? null : child;
    }

    public static bool IsNull(YamlNode child) =>
        child is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s && s_nullWords.Contains(s.Value ?? "");

    /// <summary>The key's text, from the environment when set there; null when absent.</summary>
    public ConfigScalar? Scalar(string key)
    {
        YamlNode? child = Node(key);
        if (Report.Overrides.TryGetValue(PathOf(key), out ConfigScalar? fromEnvironment))
        {
            return fromEnvironment;
        }
        return child switch
        {
            null => null,
            YamlScalarNode s => new ConfigScalar(s.Value ?? "", PathOf(key)),
            _ => NotScalar(PathOf(key), child),
        };
    }

    public ConfigScalar? NotScalar(string keyPath, YamlNode child)
    {
        Report.Error(keyPath, null, $"is a {KindOf(child)}, not a single value", "give one value on the same line as the key");
        return null;
    }

    public static string KindOf(YamlNode child) => child is YamlSequenceNode ? "list" : "map";

    public string? Text(string key) => Scalar(key)?.Text;

    public long? Long(string key, long example)
    {
        ConfigScalar? scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }
        if (long.TryParse(scalar.Text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            return value;
        }
        Report.Error(scalar.Where, scalar.Text, "is not an integer", $"use a whole number such as {example}");
        return null;
    }

    public int? Int(string key, int example)
    {
        long? value = Long(key, example);
        if (value is null or (>= int.MinValue and <= int.MaxValue))
        {
            return (int?)value;
        }
        Report.Error(PathOf(key), value.Value.ToString(CultureInfo.InvariantCulture), "is too large", $"use a number such as {example}");
        return null;
    }

    public bool? Bool(string key)
    {
        ConfigScalar? scalar = Scalar(key);
        if (scalar is null)
        {
            return null;
        }
        bool? value = BooleanWords.Parse(scalar.Text);
        if (value is null)
        {
            Report.Error(scalar.Where, scalar.Text, "is not a boolean", "use true or false (on/off and yes/no also work)");
        }
        return value;
    }

    /// <summary>A nested section; an empty one (still reading the environment) when absent.</summary>
    public ConfigSection Section(string key)
    {
        YamlNode? child = Node(key);
        if (child is not null and not YamlMappingNode)
        {
            Report.Error(PathOf(key), (child as YamlScalarNode)?.Value, "is not a section",
                $"put its settings on the lines below {key}:, indented");
        }
        return new ConfigSection(child as YamlMappingNode, PathOf(key), Report);
    }

    /// <summary>Keys pgha knows and deliberately does not use: no warning.</summary>
    public void Accept(params string[] keys) => _known.UnionWith(keys);

    /// <summary>Patroni keys pgha does not implement: one warning each when present.</summary>
    public void Unsupported(params string[] keys)
    {
        foreach (string key in keys.Where(Has))
        {
            _known.Add(key);
            Report.Warn(PathOf(key), "not supported by pgha yet, ignored");
        }
    }

    /// <summary>The keys the file gives in this section.</summary>
    public IEnumerable<string> Keys => node?.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "") ?? [];

    public void WarnUnknownKeys()
    {
        foreach (string key in Keys.Where(k => !_known.Contains(k)))
        {
            Report.Warn(PathOf(key), "unknown key, ignored");
        }
    }
}

using YamlDotNet.RepresentationModel;

namespace Pgha.Operations;

/// <summary>
/// Reads only <c>etcd3.hosts</c> (and <c>etcd3.protocol</c>) from an agent config.
/// Minimal on purpose: replace with PghaConfigLoader once that loader is on main.
/// </summary>
public static class EtcdEndpointsFromConfig
{
    public static IReadOnlyList<string> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new PghaException($"config {path}: no such file; pass the agent's config with -c or the endpoints with --endpoints", 3);
        }
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        var root = stream.Documents.FirstOrDefault()?.RootNode as YamlMappingNode;
        if (root?.Children.TryGetValue(new YamlScalarNode("etcd3"), out YamlNode? etcd3) != true
            || etcd3 is not YamlMappingNode section
            || !section.Children.TryGetValue(new YamlScalarNode("hosts"), out YamlNode? hosts))
        {
            throw new PghaException($"config {path}: etcd3.hosts is missing; add e.g. etcd3: {{hosts: pgha1:2379,pgha2:2379}}", 3);
        }
        string protocol = section.Children.TryGetValue(new YamlScalarNode("protocol"), out YamlNode? p) ? ((YamlScalarNode)p).Value ?? "http" : "http";
        IEnumerable<string> list = hosts is YamlSequenceNode seq
            ? seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")
            : (((YamlScalarNode)hosts).Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return list.Select(h => h.Contains("://", StringComparison.Ordinal) ? h : $"{protocol}://{h}").ToList();
    }
}

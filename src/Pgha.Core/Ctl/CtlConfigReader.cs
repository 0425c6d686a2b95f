using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Ctl;

/// <summary>
/// Reads what the CLI needs from an agent or patronictl YAML, leniently like patronictl: only <c>scope</c>,
/// <c>namespace</c>, <c>etcd3</c> (or <c>etcd</c>) and <c>restapi.authentication</c>; every other key is ignored.
/// </summary>
public static class CtlConfigReader
{
    /// <summary>The target, with <paramref name="scopeOverride"/> (the CLUSTER argument) and <paramref name="dcsUrl"/> winning over the file.</summary>
    /// <exception cref="FormatException">One line naming the file, the key and the fix.</exception>
    public static CtlTarget Read(string? yamlText, string source, string? scopeOverride, string? dcsUrl)
    {
        YamlMappingNode root = Parse(yamlText, source);
        string? scope = scopeOverride ?? Text(root, "scope");
        if (string.IsNullOrEmpty(scope))
        {
            throw new FormatException($"{source}: no cluster name: give it as an argument or set scope: in the config");
        }
        IReadOnlyList<string> urls = dcsUrl is not null ? UrlsFromDcs(dcsUrl) : Etcd(root, source);
        YamlMappingNode? etcd = Map(root, "etcd3") ?? Map(root, "etcd");
        YamlMappingNode? auth = Map(Map(root, "restapi"), "authentication");
        YamlMappingNode? superuser = Map(Map(Map(root, "postgresql"), "authentication"), "superuser");
        return new CtlTarget
        {
            Scope = scope,
            Namespace = Text(root, "namespace") ?? "/service/",
            EtcdUrls = urls,
            EtcdUsername = Text(etcd, "username"),
            EtcdPassword = Text(etcd, "password"),
            ApiUsername = Text(auth, "username"),
            ApiPassword = Text(auth, "password"),
            PgUser = Text(superuser, "username") ?? "postgres",
            PgPassword = Text(superuser, "password"),
        };
    }

    /// <summary><c>--dcs-url</c>: <c>etcd3://h:p</c>, <c>etcd://h:p</c>, <c>http://h:p</c> or <c>h:p</c>, comma-separated.</summary>
    public static IReadOnlyList<string> UrlsFromDcs(string dcsUrl) =>
        dcsUrl.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u =>
        {
            string rest = u.Contains("://", StringComparison.Ordinal) ? u[(u.IndexOf("://", StringComparison.Ordinal) + 3)..] : u;
            string scheme = u.StartsWith("https://", StringComparison.Ordinal) ? "https" : "http";
            return $"{scheme}://{(rest.Contains(':', StringComparison.Ordinal) ? rest : rest + ":2379")}";
        }).ToList();

    private static YamlMappingNode Parse(string? yamlText, string source)
    {
        if (string.IsNullOrWhiteSpace(yamlText))
        {
            return new YamlMappingNode();
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yamlText));
            return stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map ? map : new YamlMappingNode();
        }
        catch (YamlException e)
        {
            throw new FormatException($"{source}: not valid YAML at line {e.Start.Line}: fix the file or pass --dcs-url", e);
        }
    }

    private static IReadOnlyList<string> Etcd(YamlMappingNode root, string source)
    {
        YamlMappingNode? etcd = Map(root, "etcd3") ?? Map(root, "etcd");
        string protocol = Text(etcd, "protocol") ?? "http";
        foreach (string key in (ReadOnlySpan<string>)["hosts", "host", "url"])
        {
            IEnumerable<string>? entries = etcd is not null && etcd.Children.TryGetValue(key, out YamlNode? node)
                ? node switch
                {
                    YamlSequenceNode list => list.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? ""),
                    YamlScalarNode scalar => (scalar.Value ?? "").Split(','),
                    _ => null,
                }
                : null;
            var hosts = entries?.Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
            if (hosts is { Count: > 0 })
            {
                return hosts.Select(h => h.Contains("://", StringComparison.Ordinal) ? h : $"{protocol}://{h}").ToList();
            }
        }
        throw new FormatException($"{source}: etcd3.hosts is missing: set it, or pass --dcs-url http://host:2379");
    }

    private static YamlMappingNode? Map(YamlMappingNode? parent, string key) =>
        parent is not null && parent.Children.TryGetValue(key, out YamlNode? node) ? node as YamlMappingNode : null;

    private static string? Text(YamlMappingNode? parent, string key) =>
        parent is not null && parent.Children.TryGetValue(key, out YamlNode? node) && node is YamlScalarNode { Value: { Length: > 0 } v } ? v : null;
}

using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Planning;

/// <summary>
/// Reads an inventory YAML (see <c>pgha init</c> for a commented example) and reports every problem at
/// once, each naming the key and the fix. Pure: the caller reads the file and passes its text.
/// </summary>
public static partial class InventoryParser
{
    private static readonly string[] s_topKeys = ["cluster", "hosts", "roles", "paths"];
    private static readonly string[] s_clusterKeys = ["scope", "namespace", "stanza", "etcd_token"];
    private static readonly string[] s_hostKeys = ["name", "address", "failure_domain"];
    private static readonly string[] s_roleKeys = ["postgres", "etcd", "backup_repository"];
    private static readonly string[] s_pathKeys = ["config_dir", "data_dir", "log_dir", "etcd_data_dir", "socket_dir", "repository_dir", "bin_dir"];

    public static InventoryParseResult Parse(string yaml, string path)
    {
        var errors = new List<InventoryError>();
        YamlMappingNode? root = Load(yaml, path, errors);
        if (root is null)
        {
            return new InventoryParseResult(null, errors);
        }
        var reader = new YamlSection(root, "", errors);
        reader.RejectUnknownKeys(s_topKeys);
        YamlSection cluster = reader.Section("cluster", required: true);
        cluster.RejectUnknownKeys(s_clusterKeys);
        string scope = cluster.RequiredString("scope", "name the cluster, e.g. scope: pgha_patroni_cluster");
        string ns = cluster.RequiredString("namespace", "give the etcd key prefix, e.g. namespace: pgha").Trim('/');
        List<(string Name, string Address, string? Domain)> hosts = ReadHosts(reader, errors);
        var names = hosts.Select(h => h.Name).Where(n => n.Length > 0).ToHashSet();
        YamlSection roles = reader.Section("roles", required: true);
        roles.RejectUnknownKeys(s_roleKeys);
        IReadOnlyList<string> postgres = roles.HostList("postgres", names, required: true);
        IReadOnlyList<string> etcd = roles.HostList("etcd", names, required: true);
        IReadOnlyList<string> repository = roles.HostList("backup_repository", names, required: false);
        CheckRepository(repository, postgres, errors);
        InventoryPaths paths = ReadPaths(reader.Section("paths", required: false));
        if (errors.Count > 0)
        {
            return new InventoryParseResult(null, errors);
        }
        var inventory = new Inventory
        {
            Scope = scope,
            Namespace = ns,
            Stanza = cluster.OptionalString("stanza") ?? ns,
            EtcdToken = cluster.OptionalString("etcd_token") ?? $"{ns}-token",
            Hosts = hosts.Select(h => new InventoryHost(h.Name, h.Address, h.Domain,
                postgres.Contains(h.Name), etcd.Contains(h.Name), repository.Contains(h.Name))).ToList(),
            Paths = paths,
        };
        return new InventoryParseResult(inventory, []);
    }

    private static YamlMappingNode? Load(string yaml, string path, List<InventoryError> errors)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode map)
            {
                return map;
            }
            errors.Add(new InventoryError(path, "is not a YAML mapping", "start from the example that `pgha init` writes"));
        }
        catch (YamlException e)
        {
            errors.Add(new InventoryError($"{path}:{e.Start.Line}:{e.Start.Column}", $"invalid YAML ({e.Message})", "fix the indentation or quoting on that line"));
        }
        return null;
    }

    private static List<(string Name, string Address, string? Domain)> ReadHosts(YamlSection reader, List<InventoryError> errors)
    {
        var hosts = new List<(string Name, string Address, string? Domain)>();
        IReadOnlyList<YamlSection> entries = reader.SectionList("hosts");
        foreach (YamlSection entry in entries)
        {
            entry.RejectUnknownKeys(s_hostKeys);
            string name = entry.RequiredString("name", "give each host a name, e.g. name: pgha1");
            string address = entry.RequiredString("address", "give each host its IP address, e.g. address: 192.168.50.10");
            if (name.Length > 0 && !HostName().IsMatch(name))
            {
                errors.Add(new InventoryError($"{entry.Key}.name", $"\"{name}\" is not a valid host name", "use letters, digits, '-' and '.', starting with a letter or digit"));
            }
            if (address.Length > 0 && !IsAddress(address))
            {
                errors.Add(new InventoryError($"{entry.Key}.address", $"\"{address}\" is not an IP address", "write the host's IPv4 or IPv6 address, e.g. 192.168.50.10"));
            }
            hosts.Add((name, address, entry.OptionalString("failure_domain")));
        }
        ReportDuplicates(hosts.Select(h => h.Name), "name", errors);
        ReportDuplicates(hosts.Select(h => h.Address), "address", errors);
        return hosts;
    }

    private static void ReportDuplicates(IEnumerable<string> values, string field, List<InventoryError> errors)
    {
        var indexed = values.Select((v, i) => (Value: v, Index: i)).Where(x => x.Value.Length > 0);
        foreach (var group in indexed.GroupBy(x => x.Value).Where(g => g.Count() > 1))
        {
            string where = string.Join(", ", group.Select(x => $"hosts[{x.Index}]"));
            errors.Add(new InventoryError($"hosts[{group.Last().Index}].{field}", $"{field} \"{group.Key}\" is used by {where}", $"give every host its own {field}"));
        }
    }

    private static void CheckRepository(IReadOnlyList<string> repository, IReadOnlyList<string> postgres, List<InventoryError> errors)
    {
        if (repository.Count > 1)
        {
            errors.Add(new InventoryError("roles.backup_repository", $"{repository.Count} hosts listed", "name one repository host"));
        }
        foreach (string host in repository.Where(postgres.Contains))
        {
            errors.Add(new InventoryError("roles.backup_repository", $"{host} also runs PostgreSQL, so losing it loses the database and its backups together", "put the repository on a host without PostgreSQL, e.g. an etcd-only host"));
        }
    }

    private static InventoryPaths ReadPaths(YamlSection paths)
    {
        paths.RejectUnknownKeys(s_pathKeys);
        return new InventoryPaths
        {
            ConfigDir = paths.OptionalString("config_dir"),
            DataDir = paths.OptionalString("data_dir"),
            LogDir = paths.OptionalString("log_dir"),
            EtcdDataDir = paths.OptionalString("etcd_data_dir"),
            SocketDir = paths.OptionalString("socket_dir"),
            RepositoryDir = paths.OptionalString("repository_dir"),
            BinDir = paths.OptionalString("bin_dir"),
        };
    }

    // IPAddress.TryParse also takes legacy forms such as "1.2.3" or "10"; an inventory wants four dotted parts or IPv6.
    private static bool IsAddress(string address) =>
        IPAddress.TryParse(address, out _) && (address.Contains(':', StringComparison.Ordinal) || DottedQuad().IsMatch(address));

    [GeneratedRegex(@"^\d{1,3}(\.\d{1,3}){3}$")]
    private static partial Regex DottedQuad();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9.-]*$")]
    private static partial Regex HostName();
}

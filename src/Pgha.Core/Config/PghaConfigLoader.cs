using Pgha.Core.Cluster;
using YamlDotNet.RepresentationModel;

namespace Pgha.Core.Config;

/// <summary>
/// Reads the agent's Patroni-style YAML (patroni-compat §5.3) with the environment on top (§5.5), and
/// reports every problem at once: pgha does not start on a file with any error.
/// </summary>
public static class PghaConfigLoader
{
    public static ConfigLoadResult Load(string yamlText, string sourcePath, IReadOnlyDictionary<string, string> environment)
    {
        YamlTree tree = YamlTreeBuilder.Build(yamlText);
        if (tree.Root is null && tree.Errors.Count > 0)
        {
            // Nothing was read, so listing every required key as missing would only bury the one real error.
            return new ConfigLoadResult(sourcePath, null, tree.Errors, []);
        }
        var report = new ConfigReport(EnvironmentOverrides.From(environment));
        report.Add(tree.Errors);
        PghaConfig? config = null;
        if (tree.Root is null or YamlMappingNode)
        {
            // An empty file is fine when the environment gives every required setting, as with Patroni.
            var root = new ConfigSection(tree.Root as YamlMappingNode, "", report);
            config = Read(root) is { } read ? read with { SourcePath = sourcePath } : null;
            root.WarnUnknownKeys();
        }
        else
        {
            report.Error("(top level)", null, $"is a {ConfigSection.KindOf(tree.Root)}, not settings",
                "start the file with settings such as scope: pgha");
        }
        return new ConfigLoadResult(sourcePath, report.ErrorCount == 0 ? config : null,
            report.Errors, report.RenderWarnings(sourcePath));
    }

    private static PghaConfig? Read(ConfigSection root)
    {
        string? scope = Required(root, "scope", "set scope: to the cluster's name, the same on every node, such as pgha");
        string? name = Required(root, "name", "set name: to this node's own name, unique in the cluster, such as pgha1");
        string ns = Namespace(root);
        LogConfig log = LogSectionReader.Read(root.Section("log"));
        RestApiConfig? restApi = RestApiSectionReader.Read(root.Section("restapi"));
        Etcd3Config? etcd3 = Etcd3SectionReader.Read(root.Section("etcd3"));
        ConfigSection bootstrapSection = root.Section("bootstrap");
        BootstrapConfig? bootstrap = bootstrapSection.Exists ? BootstrapSectionReader.Read(bootstrapSection) : null;
        PostgresqlConfig? postgresql = PostgresqlSectionReader.Read(root.Section("postgresql"));
        MemberTags tags = TagsSectionReader.Read(root.Section("tags"));
        root.Unsupported("watchdog", "ctl");
        if (scope is null || name is null || restApi is null || etcd3 is null || postgresql is null)
        {
            return null;
        }
        return new PghaConfig
        {
            Scope = scope,
            Name = name,
            Namespace = ns,
            Log = log,
            RestApi = restApi,
            Etcd3 = etcd3,
            Bootstrap = bootstrap,
            Postgresql = postgresql,
            Tags = tags,
        };
    }

    /// <summary>A setting that must be present and not blank.</summary>
    internal static string? Required(ConfigSection section, string key, string fix)
    {
        ConfigScalar? scalar = section.Scalar(key);
        if (scalar is null || scalar.Text.Trim().Length == 0)
        {
            section.Report.Error(scalar?.Where ?? section.PathOf(key), null, "is missing", fix);
            return null;
        }
        return scalar.Text.Trim();
    }

    // Patroni accepts "pgha", "/pgha" and "/pgha/" alike; the etcd prefix is always "/pgha/".
    private static string Namespace(ConfigSection root)
    {
        ConfigScalar? scalar = root.Scalar("namespace");
        if (scalar is null)
        {
            return "/service/";
        }
        string trimmed = scalar.Text.Trim().Trim('/');
        if (trimmed.Length == 0)
        {
            root.Report.Error(scalar.Where, scalar.Text, "is empty", "give a name such as pgha, or remove it to use /service/");
            return "/service/";
        }
        return $"/{trimmed}/";
    }
}

namespace Pgha.Core.Config;

/// <summary>Reads <c>bootstrap:</c>.</summary>
internal static class BootstrapSectionReader
{
    // initdb options pgha passes itself (patroni-compat §5.3).
    private static readonly HashSet<string> s_ownedInitdbOptions =
        new(StringComparer.Ordinal) { "pgdata", "nosync", "pwfile", "sync-only", "version" };

    public static BootstrapConfig Read(ConfigSection bootstrap)
    {
        var config = new BootstrapConfig
        {
            Dcs = DynamicConfigSectionReader.Read(bootstrap.Section("dcs")),
            Initdb = ToolOptionsReader.Read(bootstrap, "initdb", s_ownedInitdbOptions, "initdb") ?? [],
            PgHba = bootstrap.TextList("pg_hba", commaString: false) ?? [],
            PostBootstrap = bootstrap.Text("post_bootstrap") ?? bootstrap.Text("post_init"),
        };
        bootstrap.Accept("post_init");
        Method(bootstrap);
        bootstrap.Unsupported("users");
        bootstrap.WarnUnknownKeys();
        return config;
    }

    // A custom method would build the data directory some other way; pgha only runs initdb, and running
    // initdb when the file asked for something else would create the wrong cluster.
    private static void Method(ConfigSection bootstrap)
    {
        ConfigScalar? method = bootstrap.Scalar("method");
        if (method is not null && method.Text.Trim() != "initdb")
        {
            bootstrap.Report.Error(method.Where, method.Text, "is a custom bootstrap method, which pgha does not support yet",
                "remove bootstrap.method to bootstrap with initdb");
        }
    }
}

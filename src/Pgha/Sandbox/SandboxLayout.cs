namespace Pgha.Sandbox;

/// <summary>Where the sandbox keeps everything: one folder per host, like the tutorial's five hosts on one machine.</summary>
public sealed record SandboxLayout(string Root)
{
    public const string Scope = "pgha_patroni_cluster";
    public const string Namespace = "pgha";

    /// <summary>The tutorial's hosts: pgha1..pgha5, etcd on all five, PostgreSQL on the first three.</summary>
    public static readonly IReadOnlyList<(string Name, string Address, bool Postgres)> Hosts =
    [
        ("pgha1", "127.0.50.10", true),
        ("pgha2", "127.0.50.11", true),
        ("pgha3", "127.0.50.12", true),
        ("pgha4", "127.0.50.13", false),
        ("pgha5", "127.0.50.14", false),
    ];

    public static IEnumerable<string> DatabaseHosts => Hosts.Where(h => h.Postgres).Select(h => h.Name);

    /// <summary>The default root: <c>$PGHA_SANDBOX_DIR</c>, else <c>.sandbox</c> in the current directory.</summary>
    public static SandboxLayout Default(string? configured, string currentDirectory) =>
        new(Path.GetFullPath(string.IsNullOrEmpty(configured) ? Path.Combine(currentDirectory, ".sandbox") : configured));

    public string HostDir(string host) => Path.Combine(Root, host);
    public string ConfigDir(string host) => Path.Combine(HostDir(host), "config");
    public string LogDir(string host) => Path.Combine(HostDir(host), "log");
    public string DataDir(string host) => Path.Combine(HostDir(host), "data");
    public string AgentConfig(string host) => Path.Combine(ConfigDir(host), "pgha.yaml");
    public string EtcdConfig(string host) => Path.Combine(ConfigDir(host), "etcd.yaml");
    public string AgentLog(string host) => Path.Combine(LogDir(host), "agent.out");
    public string EtcdLog(string host) => Path.Combine(LogDir(host), "etcd.out");
    public string StateFile => Path.Combine(Root, "state.json");
    public string SecretsFile => Path.Combine(Root, "secrets.json");
    public string PgpassFile => Path.Combine(Root, "pgpass");

    public static string AddressOf(string host) => Hosts.First(h => h.Name == host).Address;
}

using Pgha.Core.Planning;

namespace Pgha.Core.Generation;

/// <summary>
/// Where things live on a host. Each path may contain <c>{host}</c>, replaced by the host's name,
/// so one layout serves real hosts (/pgha/config) and the sandbox (/tmp/sandbox/{host}/config).
/// </summary>
public sealed record PathLayout
{
    public string ConfigDir { get; init; } = "/pgha/config";
    public string DataDir { get; init; } = "/pgha/data/postgres";
    public string LogDir { get; init; } = "/var/log/pgha";
    public string EtcdDataDir { get; init; } = "/pgha/data/etcd";
    public string SocketDir { get; init; } = "/var/run/postgresql";
    public string RepositoryDir { get; init; } = "/pgha/data/pgbackrest";

    /// <summary>The defaults, overridden by whatever the inventory's <c>paths:</c> sets.</summary>
    public static PathLayout From(InventoryPaths paths)
    {
        var defaults = new PathLayout();
        return new PathLayout
        {
            ConfigDir = paths.ConfigDir ?? defaults.ConfigDir,
            DataDir = paths.DataDir ?? defaults.DataDir,
            LogDir = paths.LogDir ?? defaults.LogDir,
            EtcdDataDir = paths.EtcdDataDir ?? defaults.EtcdDataDir,
            SocketDir = paths.SocketDir ?? defaults.SocketDir,
            RepositoryDir = paths.RepositoryDir ?? defaults.RepositoryDir,
        };
    }

    /// <summary>This layout with <c>{host}</c> replaced.</summary>
    /// <summary>Many hosts on one machine (the sandbox, tests): every host's folders under <c>root/{host}/</c>.</summary>
    public static PathLayout OneMachine(string root) => new()
    {
        ConfigDir = Path.Combine(root, "{host}", "config"),
        DataDir = Path.Combine(root, "{host}", "data"),
        LogDir = Path.Combine(root, "{host}", "log"),
        EtcdDataDir = Path.Combine(root, "{host}", "etcd"),
        SocketDir = Path.Combine(root, "{host}", "run"),
        RepositoryDir = Path.Combine(root, "repo"),
    };

    public PathLayout For(string host) => new()
    {
        ConfigDir = Resolve(ConfigDir, host),
        DataDir = Resolve(DataDir, host),
        LogDir = Resolve(LogDir, host),
        EtcdDataDir = Resolve(EtcdDataDir, host),
        SocketDir = Resolve(SocketDir, host),
        RepositoryDir = Resolve(RepositoryDir, host),
    };

    private static string Resolve(string path, string host) => path.Replace("{host}", host, StringComparison.Ordinal);
}

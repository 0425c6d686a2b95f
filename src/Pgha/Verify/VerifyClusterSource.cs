using Pgha.Core.Cluster;
using Pgha.Core.Config;
using Pgha.Operations;
using Pgha.Sandbox;

namespace Pgha.Verify;

/// <summary>
/// Where a verify run gets its connection string and the cluster's dynamic config when <c>--dsn</c> does not say:
/// the sandbox (its members and pgpass file) or the cluster found through -c/--dcs-url (its members' addresses).
/// </summary>
public static class VerifyClusterSource
{
    public static async Task<(string Dsn, DynamicConfig? Config)> SandboxAsync(SandboxLayout layout, CancellationToken ct)
    {
        if (!File.Exists(layout.StateFile))
        {
            throw new PghaException($"--sandbox {layout.Root}: no sandbox there (no state.json); start one with `pgha sandbox up --dir {layout.Root}`", Cli.ExitCodes.Failure);
        }
        string hosts = string.Join(',', SandboxLayout.DatabaseHosts.Select(h => $"{SandboxLayout.AddressOf(h)}:5432"));
        ClusterView? view = null;
        try
        {
            view = await SandboxCluster.Reader(layout)(ct);
        }
        catch (Agent.DcsUnavailableException)
        {
            // etcd down before the run: the mode is then read from synchronous_standby_names
        }
        return ($"Host={hosts};Username=postgres;Database=postgres", Config(view));
    }

    public static async Task<(string Dsn, DynamicConfig? Config)> ClusterAsync(ClusterSession session, CancellationToken ct)
    {
        ClusterView view = await session.ReadExistingAsync(ct);
        var hosts = view.Members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => m.PostgresEndpoint).Where(e => e.Host.Length > 0).ToList();
        if (hosts.Count == 0)
        {
            throw new PghaException($"cluster {session.Target.Scope}: no member has registered a PostgreSQL address; start the agents or pass --dsn", Cli.ExitCodes.Failure);
        }
        return ($"Host={string.Join(',', hosts.Select(h => $"{h.Host}:{h.Port}"))};Username=postgres;Database=postgres", Config(view));
    }

    public static async Task<DynamicConfig?> ConfigAsync(ClusterSession session, CancellationToken ct) => Config(await session.ReadAsync(ct));

    private static DynamicConfig? Config(ClusterView? view)
    {
        try
        {
            return view?.ConfigJson is { } json ? DynamicConfigJson.Parse(json) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

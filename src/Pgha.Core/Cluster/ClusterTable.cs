using System.Text;
using Pgha.Core.Config;
using Pgha.Core.Ctl;

namespace Pgha.Core.Cluster;

/// <summary>
/// patronictl's <c>list</c> and <c>topology</c> output in every format: the pretty table with the
/// <c>+ Cluster: scope (sysid)</c> title and the maintenance/switchover footer, or tsv/json/yaml. Pure.
/// </summary>
public static class ClusterTable
{
    public static string Render(string scope, ClusterView cluster) => Render(scope, cluster, new ListOptions());

    public static string Render(string scope, ClusterView cluster, ListOptions options)
    {
        ClusterListing listing = ClusterListing.Build(cluster, options);
        switch (options.Format)
        {
            case OutputFormat.Json:
                return RowsText.Json(listing.Keys, listing.Rows);
            case OutputFormat.Yaml:
                return RowsText.Yaml(listing.Keys, listing.Rows);
            case OutputFormat.Tsv:
                return RowsText.Tsv(["Cluster", .. listing.Headers], listing.Rows.Select(r => (IReadOnlyList<string>)[scope, .. r]).ToList());
            default:
                break;
        }
        var text = new StringBuilder(TextTable.Render($"Cluster: {scope} ({SystemIdentifier(cluster)})", listing.Headers, listing.Rows, ClusterListing.RightAligned));
        foreach (string line in Footer(cluster))
        {
            text.AppendLine().Append(line);
        }
        return text.ToString();
    }

    /// <summary>PostgreSQL's <c>X/Y</c> LSN text.</summary>
    public static string FormatLsn(long lsn) => $"{lsn >> 32:X}/{lsn & 0xFFFFFFFF:X}";

    private static string SystemIdentifier(ClusterView cluster) => cluster.Initialize switch
    {
        null => "uninitialized",
        "" => "initializing",
        string id => id,
    };

    private static IEnumerable<string> Footer(ClusterView cluster)
    {
        if (IsPaused(cluster))
        {
            yield return " Maintenance mode: on";
        }
        if (cluster.Failover is { IsEmpty: false, ScheduledAt: { } at } f)
        {
            yield return $" Switchover scheduled at: {at:yyyy-MM-ddTHH:mm:sszzz}";
            if (!string.IsNullOrEmpty(f.Leader))
            {
                yield return $"                    from: {f.Leader}";
            }
            if (!string.IsNullOrEmpty(f.Candidate))
            {
                yield return $"                      to: {f.Candidate}";
            }
        }
    }

    public static bool IsPaused(ClusterView cluster)
    {
        if (string.IsNullOrEmpty(cluster.ConfigJson))
        {
            return false;
        }
        try
        {
            return DynamicConfigJson.Parse(cluster.ConfigJson).Pause;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

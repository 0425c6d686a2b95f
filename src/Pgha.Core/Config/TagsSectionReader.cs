using Pgha.Core.Cluster;

namespace Pgha.Core.Config;

/// <summary>Reads <c>tags:</c>: Patroni's known tags, and any other as custom text.</summary>
internal static class TagsSectionReader
{
    private static readonly string[] s_known = ["nofailover", "noloadbalance", "clonefrom", "nosync", "replicatefrom"];

    public static MemberTags Read(ConfigSection tags)
    {
        var custom = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in tags.Keys.Where(n => !s_known.Contains(n)).ToList())
        {
            if (tags.Text(name) is { } text)
            {
                custom[name] = text;
            }
        }
        return new MemberTags
        {
            NoFailover = tags.Bool("nofailover") ?? false,
            NoLoadBalance = tags.Bool("noloadbalance") ?? false,
            CloneFrom = tags.Bool("clonefrom") ?? false,
            NoSync = tags.Bool("nosync") ?? false,
            ReplicateFrom = tags.Text("replicatefrom"),
            Custom = custom,
        };
    }
}

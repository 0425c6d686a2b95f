using Pgha.Core.Cluster;

namespace Pgha.Core.Api;

/// <summary>Matches <c>?tag_k=v</c> against the node's tags, and lists the tags the node reports.</summary>
public static class TagFilter
{
    /// <summary>Every requested tag must exist on the node with that exact text; booleans read as <c>true</c>.</summary>
    public static bool Matches(MemberTags tags, IReadOnlyList<KeyValuePair<string, string>> wanted)
    {
        foreach ((string key, string value) in wanted)
        {
            if (TextOf(tags, key) != value)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The tag as Patroni compares it; false boolean tags count as absent, as Patroni drops them.</summary>
    public static string? TextOf(MemberTags tags, string key) => key switch
    {
        "nofailover" => tags.NoFailover ? "true" : null,
        "noloadbalance" => tags.NoLoadBalance ? "true" : null,
        "clonefrom" => tags.CloneFrom ? "true" : null,
        "nosync" => tags.NoSync ? "true" : null,
        "replicatefrom" => tags.ReplicateFrom,
        _ => tags.Custom.GetValueOrDefault(key),
    };

    /// <summary>True when the node has no tag to report (Patroni then omits <c>tags</c>).</summary>
    public static bool IsEmpty(MemberTags tags) =>
        !tags.NoFailover && !tags.NoLoadBalance && !tags.CloneFrom && !tags.NoSync
        && tags.ReplicateFrom is null && tags.Custom.Count == 0;
}

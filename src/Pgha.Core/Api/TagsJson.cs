using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Api;

/// <summary>Writes effective tags as Patroni reports them: false booleans left out, true ones as JSON true.</summary>
public static class TagsJson
{
    public static void Write(Utf8JsonWriter w, MemberTags tags)
    {
        w.WriteStartObject();
        WriteFlag(w, "nofailover", tags.NoFailover);
        WriteFlag(w, "noloadbalance", tags.NoLoadBalance);
        WriteFlag(w, "clonefrom", tags.CloneFrom);
        WriteFlag(w, "nosync", tags.NoSync);
        if (tags.ReplicateFrom is { } upstream)
        {
            w.WriteString("replicatefrom", upstream);
        }
        foreach ((string key, string value) in tags.Custom)
        {
            w.WriteString(key, value);
        }
        w.WriteEndObject();
    }

    private static void WriteFlag(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }
}

using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Dcs;

/// <summary>The <c>sync</c> value: <c>{"leader":"n1","sync_standby":"a,b"}</c> (sorted, comma-joined, or null).</summary>
public static class SyncJson
{
    public static string Serialize(string? leader, IEnumerable<string> syncStandbys)
    {
        List<string> sorted = syncStandbys.Order(StringComparer.Ordinal).ToList();
        return DcsJson.Write(w =>
        {
            w.WriteStartObject();
            WriteStringOrNull(w, "leader", leader);
            WriteStringOrNull(w, "sync_standby", sorted.Count == 0 ? null : string.Join(',', sorted));
            w.WriteEndObject();
        });
    }

    /// <summary>Parses the value; null when absent, unreadable or without a leader (Patroni's "empty" sync state).</summary>
    public static SyncKey? Parse(string? value, long modRevision)
    {
        if (DcsJson.TryParseObject(value) is not JsonElement o)
        {
            return null;
        }
        string? leader = o.GetString("leader");
        if (leader is null)
        {
            return null;
        }
        string[] standbys = (o.GetString("sync_standby") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new SyncKey(leader, standbys, modRevision);
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}

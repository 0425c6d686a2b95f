using System.Text.Json;
using Pgha.Core.Cluster;

namespace Pgha.Core.Dcs;

/// <summary>The <c>failover</c> value: <c>{"leader":..,"member":..,"scheduled_at":..}</c>; the candidate is stored as <c>member</c>.</summary>
public static class FailoverJson
{
    /// <summary>Compact JSON with absent fields omitted; an empty request gives <c>{}</c>, which is how Patroni clears the key.</summary>
    public static string Serialize(FailoverKey? failover) => DcsJson.Write(w =>
    {
        w.WriteStartObject();
        if (!string.IsNullOrEmpty(failover?.Leader))
        {
            w.WriteString("leader", failover.Leader);
        }
        if (!string.IsNullOrEmpty(failover?.Candidate))
        {
            w.WriteString("member", failover.Candidate);
        }
        if (failover?.ScheduledAt is DateTimeOffset at)
        {
            w.WriteString("scheduled_at", DcsJson.FormatTimestamp(at));
        }
        w.WriteEndObject();
    });

    /// <summary>Parses the value; null when absent, empty (<c>{}</c>) or unreadable. Never throws.</summary>
    public static FailoverKey? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        FailoverKey result;
        using (JsonDocument? doc = DcsJson.TryParse(value))
        {
            if (doc is null)
            {
                // Broken JSON is not a legacy value: reading it as "leader:candidate" would invent member names.
                if (value.TrimStart().StartsWith('{') || value.TrimStart().StartsWith('['))
                {
                    return null;
                }
                result = ParseLegacy(value);
            }
            else if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            else
            {
                JsonElement o = doc.RootElement;
                result = new FailoverKey(o.GetString("leader"), o.GetString("member"), DcsJson.ParseTimestamp(o.GetString("scheduled_at")));
            }
        }
        return result.IsEmpty ? null : result;
    }

    /// <summary>Old Patroni wrote <c>leader:candidate</c> as plain text.</summary>
    private static FailoverKey ParseLegacy(string value)
    {
        string[] parts = value.Split(':');
        string leader = parts[0].Trim();
        string? candidate = parts.Length > 1 ? parts[1].Trim() : null;
        return new FailoverKey(leader.Length == 0 ? null : leader, string.IsNullOrEmpty(candidate) ? null : candidate, null);
    }
}

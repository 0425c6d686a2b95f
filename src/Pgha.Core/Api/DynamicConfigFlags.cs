using System.Text.Json;

namespace Pgha.Core.Api;

/// <summary>The two facts <c>/cluster</c> needs from the raw <c>config</c> key: paused, and standby cluster.</summary>
internal readonly record struct DynamicConfigFlags(bool Paused, bool StandbyCluster)
{
    public static DynamicConfigFlags Parse(string? configJson)
    {
        if (string.IsNullOrEmpty(configJson))
        {
            return default;
        }
        try
        {
            using JsonDocument doc = JsonDocument.Parse(configJson);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return default;
            }
            bool paused = root.TryGetProperty("pause", out JsonElement pause) && IsTruthy(pause);
            bool standby = root.TryGetProperty("standby_cluster", out JsonElement sc) && IsStandbyCluster(sc);
            return new(paused, standby);
        }
        catch (JsonException)
        {
            // A config key that is not JSON is reported by the agent's config reader; here it just sets nothing.
            return default;
        }
    }

    /// <summary>Patroni's test: a standby_cluster section with a host, a port or a restore_command.</summary>
    private static bool IsStandbyCluster(JsonElement section) =>
        section.ValueKind == JsonValueKind.Object
        && (IsTruthy(section, "host") || IsTruthy(section, "port") || IsTruthy(section, "restore_command"));

    private static bool IsTruthy(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement value) && IsTruthy(value);

    private static bool IsTruthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.String => value.GetString() is { Length: > 0 } text && text != "false" && text != "off",
        JsonValueKind.Number => value.GetDouble() != 0,
        _ => false,
    };
}

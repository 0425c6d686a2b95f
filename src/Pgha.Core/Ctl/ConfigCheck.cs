using System.Text.Json;
using System.Text.Json.Nodes;
using Pgha.Core.Config;

namespace Pgha.Core.Ctl;

/// <summary>
/// Validates a whole new dynamic config before anything is written: value types of Patroni's keys, Patroni's own
/// constraints (<see cref="DynamicConfigRules"/>), and every PostgreSQL parameter against the leader's pg_settings.
/// </summary>
public static class ConfigCheck
{
    private static readonly string[] s_integers = ["ttl", "loop_wait", "retry_timeout", "maximum_lag_on_failover", "primary_start_timeout", "primary_stop_timeout",
        "master_start_timeout", "master_stop_timeout", "synchronous_node_count", "maximum_lag_on_syncnode"];
    private static readonly string[] s_booleans = ["check_timeline", "synchronous_mode", "synchronous_mode_strict", "failsafe_mode", "pause"];

    public static IReadOnlyList<ConfigError> Validate(JsonObject config, IReadOnlyDictionary<string, PgSetting>? pgSettings)
    {
        var errors = new List<ConfigError>();
        foreach (string key in s_integers.Where(config.ContainsKey))
        {
            if (!IsInteger(config[key]))
            {
                errors.Add(new ConfigError(key, Text(config[key]), "is not a whole number", "write a number such as 30"));
            }
        }
        foreach (string key in s_booleans.Where(config.ContainsKey))
        {
            if (config[key] is not null && config[key]!.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(new ConfigError(key, Text(config[key]), "is not a boolean", "write true or false"));
            }
        }
        errors.AddRange(PostgresqlShape(config["postgresql"]));
        if (errors.Count > 0)
        {
            return errors;
        }
        string json = config.ToJsonString();
        errors.AddRange(DynamicConfigRules.Validate(DynamicConfigJson.Parse(json), ""));
        if (pgSettings is not null && config["postgresql"]?["parameters"] is JsonObject parameters)
        {
            var values = parameters.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => Text(p.Value), StringComparer.Ordinal);
            errors.AddRange(GucCheck.Validate(values, pgSettings));
        }
        return errors;
    }

    private static IEnumerable<ConfigError> PostgresqlShape(JsonNode? postgresql)
    {
        if (postgresql is null)
        {
            yield break;
        }
        if (postgresql is not JsonObject pg)
        {
            yield return new ConfigError("postgresql", Text(postgresql), "is not a mapping", "write postgresql: {parameters: {...}}");
            yield break;
        }
        if (pg["parameters"] is { } p && p is not JsonObject)
        {
            yield return new ConfigError("postgresql.parameters", Text(p), "is not a mapping", "write parameters: {name: value}");
        }
        if (pg["pg_hba"] is { } hba && (hba is not JsonArray list || list.Any(l => l?.GetValueKind() != JsonValueKind.String)))
        {
            yield return new ConfigError("postgresql.pg_hba", Text(hba), "is not a list of lines", "write pg_hba: [\"host all all 10.0.0.0/8 scram-sha-256\"]");
        }
        foreach (string key in new[] { "use_pg_rewind", "use_slots" })
        {
            if (pg[key] is { } v && v.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                yield return new ConfigError($"postgresql.{key}", Text(v), "is not a boolean", "write true or false");
            }
        }
    }

    private static bool IsInteger(JsonNode? node) => node is JsonValue v && (v.TryGetValue(out long _) || (v.TryGetValue(out string? s) && long.TryParse(s, out _)));

    public static string Text(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue(out string? s) => s,
        _ => node.ToJsonString(),
    };
}

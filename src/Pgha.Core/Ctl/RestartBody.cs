using System.Globalization;
using System.Text.Json;

namespace Pgha.Core.Ctl;

/// <summary>Reads POST /restart's optional body with Patroni's answers: 400 for bad fields, 422 for unusable schedules, 500 when paused.</summary>
public static class RestartBody
{
    private static readonly string[] s_keys = ["schedule", "role", "postgres_version", "restart_pending", "timeout"];

    public static (RestartRequest? Request, Refusal? Refusal) Parse(string body, bool paused, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (new RestartRequest(), null);
        }
        JsonElement root;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Bad($"the request body is not valid JSON: {e.Message}"));
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, Bad("the request body must be a JSON object"));
        }
        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => !s_keys.Contains(n)) is { } unknown)
        {
            return (null, Bad($"Unknown restart option: {unknown}"));
        }
        var request = new RestartRequest();
        if (Text(root, "role") is { } role)
        {
            if (role is not ("master" or "primary" or "replica"))
            {
                return (null, Bad("PostgreSQL role should be either primary or replica"));
            }
            request = request with { Role = role };
        }
        if (Text(root, "postgres_version") is { } version)
        {
            if (RestartRequest.VersionNumber(version) is null)
            {
                return (null, Bad("PostgreSQL version should be in the first.major.minor format"));
            }
            request = request with { PostgresVersion = version };
        }
        if (root.TryGetProperty("timeout", out JsonElement timeout))
        {
            if (!(timeout.ValueKind == JsonValueKind.Number && timeout.TryGetInt32(out int seconds) && seconds > 0)
                && !(timeout.ValueKind == JsonValueKind.String && int.TryParse(timeout.GetString(), out seconds) && seconds > 0))
            {
                return (null, Bad("Timeout should be a positive number of seconds"));
            }
            request = request with { Timeout = seconds };
        }
        if (root.TryGetProperty("restart_pending", out JsonElement pending) && pending.ValueKind == JsonValueKind.True)
        {
            request = request with { RestartPending = true };
        }
        return Text(root, "schedule") is { } schedule ? Schedule(request, schedule, paused, now) : (request, null);
    }

    private static (RestartRequest?, Refusal?) Schedule(RestartRequest request, string schedule, bool paused, DateTimeOffset now)
    {
        if (paused)
        {
            return (null, new Refusal(500, "Can't schedule restart in the paused state", "the cluster is paused: restart now, or resume first"));
        }
        if (!DateTimeOffset.TryParse(schedule, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at))
        {
            return (null, new Refusal(422, "Unable to parse scheduled timestamp. It should be in an unambiguous format (e.g. ISO 8601)",
                $"schedule {schedule}: not a timestamp; write it as 2025-01-31T14:00:00+00:00"));
        }
        if (!SwitchoverBody.HasZone(schedule))
        {
            return (null, Bad("Timezone information is mandatory for the scheduled restart"));
        }
        if (at <= now)
        {
            return (null, new Refusal(422, "Cannot schedule restart in the past", $"schedule {schedule}: is in the past"));
        }
        return (request with { Schedule = at }, null);
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement e) && e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s ? s : null;

    private static Refusal Bad(string message) => new(400, message, message);
}

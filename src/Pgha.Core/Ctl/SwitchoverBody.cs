using System.Globalization;
using System.Text.Json;

namespace Pgha.Core.Ctl;

/// <summary>
/// Reads the body of POST /switchover and /failover with Patroni's answers to bad input: 400 for malformed JSON,
/// unknown shapes and missing time zones, 422 for unparsable or past schedules.
/// </summary>
public static class SwitchoverBody
{
    public static (SwitchoverRequest? Request, Refusal? Refusal) Parse(string body, bool isFailover, bool paused, DateTimeOffset now)
    {
        JsonElement root;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return (null, Bad($"the request body is not valid JSON: {e.Message}"));
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, Bad($"the request body must be a JSON object, not {root.ValueKind}"));
        }
        if (!TryText(root, "leader", out string? leader) || !TryText(root, "candidate", out string? candidate)
            || !TryText(root, "member", out string? member) || !TryText(root, "scheduled_at", out string? scheduled))
        {
            return (null, Bad("leader, candidate and scheduled_at must be strings"));
        }
        var request = new SwitchoverRequest(isFailover, leader, candidate ?? (isFailover ? member : null));
        if (scheduled is null)
        {
            return (request, null);
        }
        return Schedule(request, scheduled, paused, now);
    }

    private static (SwitchoverRequest?, Refusal?) Schedule(SwitchoverRequest request, string scheduled, bool paused, DateTimeOffset now)
    {
        if (request.IsFailover)
        {
            return (null, Bad("Failover can't be scheduled"));
        }
        if (paused)
        {
            return (null, Bad("Can't schedule switchover in the paused state"));
        }
        if (!DateTimeOffset.TryParse(scheduled, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at))
        {
            return (null, new Refusal(422, "Unable to parse scheduled timestamp. It should be in an unambiguous format, e.g. ISO 8601",
                $"scheduled_at {scheduled}: not a timestamp; write it as 2025-01-31T14:00:00+00:00"));
        }
        if (!HasZone(scheduled))
        {
            return (null, Bad("Timezone information is mandatory for the scheduled switchover"));
        }
        if (at <= now)
        {
            return (null, new Refusal(422, "Cannot schedule switchover in the past", $"scheduled_at {scheduled}: is in the past; give a future time"));
        }
        return (request with { ScheduledAt = at }, null);
    }

    /// <summary>ISO 8601 with a zone ends in Z or ±hh:mm / ±hhmm after the time.</summary>
    public static bool HasZone(string text)
    {
        string t = text.Trim();
        int timeStart = t.IndexOfAny(['T', ' ']);
        return t.EndsWith('Z') || t.EndsWith('z') || (timeStart > 0 && t.IndexOfAny(['+', '-'], timeStart) > 0);
    }

    private static bool TryText(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (e.ValueKind != JsonValueKind.String)
        {
            return false;
        }
        value = e.GetString() is { Length: > 0 } s ? s : null;
        return true;
    }

    private static Refusal Bad(string message) => new(400, message, message);
}

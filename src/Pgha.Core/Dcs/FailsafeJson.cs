using System.Text.Json;

namespace Pgha.Core.Dcs;

/// <summary>The <c>failsafe</c> value: <c>{"n1":"http://10.0.0.1:8008/patroni",...}</c>, every member with its api_url.</summary>
public static class FailsafeJson
{
    public static string Serialize(IReadOnlyDictionary<string, string> members) => DcsJson.Write(w =>
    {
        w.WriteStartObject();
        foreach ((string name, string apiUrl) in members.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            w.WriteString(name, apiUrl);
        }
        w.WriteEndObject();
    });

    /// <summary>The members listed; null when the key is absent or not an object (Patroni then has no failsafe list).</summary>
    public static IReadOnlyDictionary<string, string>? Parse(string? value)
    {
        if (DcsJson.TryParseObject(value) is not JsonElement o)
        {
            return null;
        }
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in o.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
        {
            members[p.Name] = p.Value.GetString()!;
        }
        return members;
    }
}

using System.Globalization;
using System.Text.Json;

namespace Pgha.Core.Config;

/// <summary>Tolerant getters over one JSON object: a missing or unusable value reads as null.</summary>
internal readonly struct JsonFields(JsonElement element)
{
    private JsonElement? Field(string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) ? value : null;

    public JsonFields Object(string name) => new(Field(name) ?? default);

    public long? Long(string name) => Field(name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out long value) => value,
        { ValueKind: JsonValueKind.Number } n when n.TryGetDouble(out double value) && value == Math.Floor(value) => (long)value,
        { ValueKind: JsonValueKind.String } s when long.TryParse(s.GetString(), NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out long value) => value,
        _ => null,
    };

    public int? Int(string name) => Long(name) is long value and >= int.MinValue and <= int.MaxValue ? (int)value : null;

    public bool? Bool(string name) => Field(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } s => BooleanWords.Parse(s.GetString() ?? ""),
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt64(out long value) => value != 0,
        _ => null,
    };

    /// <summary>Scalars as PostgreSQL text: true → "on", false → "off", numbers as written; null entries skipped.</summary>
    public IReadOnlyDictionary<string, string>? TextMap(string name)
    {
        if (Field(name) is not { ValueKind: JsonValueKind.Object } map)
        {
            return null;
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in map.EnumerateObject())
        {
            string? text = entry.Value.ValueKind switch
            {
                JsonValueKind.String => entry.Value.GetString(),
                JsonValueKind.Number => entry.Value.GetRawText(),
                JsonValueKind.True => "on",
                JsonValueKind.False => "off",
                _ => null,
            };
            if (text is not null)
            {
                texts[entry.Name] = text;
            }
        }
        return texts;
    }

    public IReadOnlyList<string>? TextList(string name) => Field(name) is { ValueKind: JsonValueKind.Array } list
        ? list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString() ?? "").ToList()
        : null;
}

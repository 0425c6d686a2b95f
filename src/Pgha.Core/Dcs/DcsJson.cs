using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pgha.Core.Dcs;

/// <summary>Shared plumbing for the DCS codecs: compact writing and parsing that never throws.</summary>
internal static class DcsJson
{
    // Relaxed escaping keeps '+' in ISO timestamps and non-ASCII names readable, like Python's json.dumps output.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses <paramref name="json"/>; null when it is empty or not valid JSON.</summary>
    public static JsonDocument? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The root object of <paramref name="json"/>, or null when it is absent, invalid or not an object.</summary>
    public static JsonElement? TryParseObject(string? json)
    {
        using JsonDocument? doc = TryParse(json);
        return doc?.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
    }

    public static string? GetString(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An integer field; Patroni sometimes stores numbers as strings, so both forms are accepted.</summary>
    public static long? GetInt64(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) ? AsInt64(v) : null;

    public static long? AsInt64(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number when v.TryGetInt64(out long n) => n,
        JsonValueKind.Number when v.TryGetDouble(out double d) && d >= long.MinValue && d <= long.MaxValue => (long)d,
        JsonValueKind.String when long.TryParse(v.GetString(), out long n) => n,
        _ => null,
    };

    /// <summary>A flag field; Patroni's tags accept true, "true", "yes", "on" as Python truthiness would.</summary>
    public static bool GetFlag(this JsonElement obj, string name) =>
        obj.TryGetProperty(name, out JsonElement v) && v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => v.GetString()?.ToLowerInvariant() is "true" or "yes" or "on" or "1",
            JsonValueKind.Number => v.TryGetDouble(out double d) && d != 0,
            _ => false,
        };

    public static DateTimeOffset? ParseTimestamp(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset t) ? t : null;

    /// <summary>ISO 8601 with the offset as <c>+00:00</c>, the form Python's isoformat() writes.</summary>
    public static string FormatTimestamp(DateTimeOffset t) =>
        t.ToString(t.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.ffffffzzz",
            System.Globalization.CultureInfo.InvariantCulture);
}

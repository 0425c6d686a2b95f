using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pgha.Etcd;

/// <summary>The outcome of one HTTP attempt: a JSON body, or an error and whether another attempt may help.</summary>
internal sealed record EtcdReply(JsonNode? Json, int? GrpcCode, string Error, bool Retryable)
{
    public static EtcdReply Failure(string error) => new(null, null, error, Retryable: true);

    public static EtcdReply From(int httpStatus, string text)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return new EtcdReply(null, null, $"HTTP {httpStatus}: unreadable reply {Shorten(text)}", Retryable: httpStatus >= 500);
        }
        if (httpStatus is >= 200 and < 300 && json?["error"] is null)
        {
            return new EtcdReply(json ?? new JsonObject(), null, "", Retryable: false);
        }
        int code = json?["code"] is JsonValue c && c.TryGetValue(out int n) ? n : EtcdErrors.Unknown;
        string detail = json?["message"]?.ToString() ?? json?["error"]?.ToString() ?? $"HTTP {httpStatus}";
        bool retryable = httpStatus >= 500 && !detail.Contains("requested lease not found", StringComparison.Ordinal)
            || EtcdErrors.IsRetryable(code, detail);
        return new EtcdReply(null, code, detail, retryable);
    }

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "...";
}

using System.Text;
using System.Text.Json.Nodes;
using Pgha.Core.Dcs;

namespace Pgha.Etcd;

/// <summary>The gRPC-gateway JSON encoding: keys and values base64, int64 as strings, zero values omitted.</summary>
internal static class EtcdJson
{
    public static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string FromB64(JsonNode? node) =>
        node?.GetValue<string>() is string s ? Encoding.UTF8.GetString(Convert.FromBase64String(s)) : "";

    /// <summary>An int64 field: the gateway writes them as strings and omits zeros.</summary>
    public static long Int64(JsonNode? node) => node switch
    {
        null => 0,
        JsonValue v when v.TryGetValue(out string? s) => long.TryParse(s, out long n) ? n : 0,
        JsonValue v when v.TryGetValue(out long n) => n,
        _ => 0,
    };

    /// <summary>The range end that covers every key starting with <paramref name="prefix"/>: last byte below 0xFF plus one.</summary>
    public static string PrefixEndB64(string prefix)
    {
        byte[] end = Encoding.UTF8.GetBytes(prefix);
        for (int i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] < 0xFF)
            {
                end[i]++;
                return Convert.ToBase64String(end.AsSpan(0, i + 1));
            }
        }
        return Convert.ToBase64String([0]); // "\0" means "to the end of the keyspace".
    }

    public static DcsKeyValue ToKeyValue(JsonNode kv) => new(
        FromB64(kv["key"]), FromB64(kv["value"]), Int64(kv["mod_revision"]), Int64(kv["lease"]));

    public static IReadOnlyList<DcsKeyValue> KeyValues(JsonNode? response) =>
        response?["kvs"] is JsonArray kvs ? kvs.Where(k => k is not null).Select(k => ToKeyValue(k!)).ToList() : [];

    public static long Revision(JsonNode? response) => Int64(response?["header"]?["revision"]);

    public static JsonObject Put(string key, string value, long lease)
    {
        var put = new JsonObject { ["key"] = B64(key), ["value"] = B64(value) };
        if (lease != 0)
        {
            put["lease"] = lease.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return put;
    }

    public static JsonObject CompareCreate(string key) =>
        new() { ["key"] = B64(key), ["target"] = "CREATE", ["result"] = "EQUAL", ["create_revision"] = "0" };

    public static JsonObject CompareMod(string key, long modRevision) =>
        new() { ["key"] = B64(key), ["target"] = "MOD", ["result"] = "EQUAL", ["mod_revision"] = modRevision.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    public static JsonObject CompareValue(string key, string value) =>
        new() { ["key"] = B64(key), ["target"] = "VALUE", ["result"] = "EQUAL", ["value"] = B64(value) };

    public static JsonObject Txn(JsonObject compare, JsonObject success, JsonObject? failure = null)
    {
        var txn = new JsonObject { ["compare"] = new JsonArray(compare), ["success"] = new JsonArray(success) };
        if (failure is not null)
        {
            txn["failure"] = new JsonArray(failure);
        }
        return txn;
    }

    public static bool Succeeded(JsonNode? txnResponse) => txnResponse?["succeeded"]?.GetValue<bool>() == true;
}

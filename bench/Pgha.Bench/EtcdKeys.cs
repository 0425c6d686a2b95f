using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Pgha.Bench;

/// <summary>Reads the cluster's keys through etcd's JSON gateway, and reads etcd's request counters.</summary>
public sealed class EtcdKeys(IReadOnlyList<string> clientUrls, string prefix) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>The key's value (null: no such key); Answered is false when no member answered.</summary>
    public async Task<(bool Answered, string? Value)> TryGetAsync(string key)
    {
        using JsonDocument? doc = await RangeAsync(key);
        if (doc is null)
        {
            return (false, null);
        }
        return doc.RootElement.TryGetProperty("kvs", out JsonElement kvs)
            ? (true, Encoding.UTF8.GetString(Convert.FromBase64String(kvs[0].GetProperty("value").GetString()!)))
            : (true, null);
    }

    /// <summary>
    /// Whole seconds left on the lease that <paramref name="key"/> is bound to (etcd's lease time-to-live), or null when
    /// the key, its lease or an answer is missing. It jumps up when the holder renews.
    /// </summary>
    public async Task<long?> LeaseSecondsLeftAsync(string key)
    {
        using JsonDocument? kv = await RangeAsync(key);
        if (kv is null || !kv.RootElement.TryGetProperty("kvs", out JsonElement kvs) || !kvs[0].TryGetProperty("lease", out JsonElement lease))
        {
            return null;
        }
        using JsonDocument? left = await AskAsync("/v3/lease/timetolive", new Dictionary<string, string> { ["ID"] = lease.GetString()! });
        return left is not null && left.RootElement.TryGetProperty("TTL", out JsonElement seconds)
            && long.TryParse(seconds.GetString(), System.Globalization.CultureInfo.InvariantCulture, out long ttl) ? ttl : null;
    }

    private Task<JsonDocument?> RangeAsync(string key) => AskAsync("/v3/kv/range", new Dictionary<string, string> { ["key"] = B64(prefix + key) });

    /// <summary>
    /// The first member's answer to <paramref name="body"/> at <paramref name="path"/>, or null when none answered. The
    /// body is a dictionary, not an anonymous type: PostAsJsonAsync would camel-case "ID" to "iD", which the gateway ignores.
    /// </summary>
    private async Task<JsonDocument?> AskAsync(string path, Dictionary<string, string> body)
    {
        foreach (string url in clientUrls)
        {
            try
            {
                using HttpResponseMessage response = await _http.PostAsJsonAsync(url + path, body);
                response.EnsureSuccessStatusCode();
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                // try the next member
            }
        }
        return null;
    }

    /// <summary>Every gRPC request the members have started (the JSON gateway goes through gRPC too), summed.</summary>
    public async Task<double> RequestsStartedAsync()
    {
        double total = 0;
        foreach (string url in clientUrls)
        {
            string metrics = await _http.GetStringAsync(url + "/metrics");
            total += metrics.Split('\n')
                .Where(l => l.StartsWith("grpc_server_started_total{", StringComparison.Ordinal))
                .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
        return total;
    }

    public void Dispose() => _http.Dispose();

    private static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
}

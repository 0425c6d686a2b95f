using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pgha.Etcd;

/// <summary>
/// A streaming <c>/v3/watch</c> on a prefix that completes on the first event. A broken stream (member down, no raft
/// leader) is reopened on the next endpoint; only when none opens within the retry budget does it give up.
/// </summary>
internal sealed class EtcdPrefixWatch(EtcdGatewayClient client, string prefix)
{
    public async Task WaitForEventAsync(long startRevision, CancellationToken ct)
    {
        var sinceLastStream = Stopwatch.StartNew();
        string lastError = "no attempt";
        while (sinceLastStream.Elapsed < client.RetryBudget)
        {
            string endpoint = client.Endpoints.Current;
            try
            {
                if (await WatchOnceAsync(endpoint, startRevision, sinceLastStream, ct))
                {
                    return;
                }
                lastError = $"{endpoint}: watch stream ended";
            }
            catch (Exception e) when (e is HttpRequestException or IOException or JsonException
                || (e is OperationCanceledException && !ct.IsCancellationRequested))
            {
                lastError = $"{endpoint}: {e.Message}";
            }
            client.Endpoints.Rotate(endpoint);
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
        throw EtcdErrors.Unreachable(client.Endpoints.All, client.RetryBudget, lastError);
    }

    /// <summary>True on an event (or a compaction, which also means "re-read"); false when the stream ended or failed.</summary>
    private async Task<bool> WatchOnceAsync(string endpoint, long startRevision, Stopwatch sinceLastStream, CancellationToken ct)
    {
        var create = new JsonObject
        {
            ["key"] = EtcdJson.B64(prefix),
            ["range_end"] = EtcdJson.PrefixEndB64(prefix),
            ["start_revision"] = startRevision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        using var openCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        openCts.CancelAfter(client.CallTimeout);
        using HttpResponseMessage response = await client.OpenStreamAsync(endpoint, "/v3/watch", new JsonObject { ["create_request"] = create }, openCts.Token);
        await using Stream body = await response.Content.ReadAsStreamAsync(openCts.Token);
        using var reader = new StreamReader(body);
        while (true)
        {
            string? line = await reader.ReadLineAsync(openCts.Token);
            if (line is null)
            {
                return false;
            }
            JsonNode? result = JsonNode.Parse(line)?["result"];
            if (result is null)
            {
                return false; // {"error":...}: e.g. "etcdserver: no leader"
            }
            if (result["events"] is JsonArray { Count: > 0 } || EtcdJson.Int64(result["compact_revision"]) > 0)
            {
                return true;
            }
            if (result["canceled"]?.GetValue<bool>() == true)
            {
                return false;
            }
            if (result["created"]?.GetValue<bool>() == true)
            {
                // Until etcd confirms the watch the call deadline applies; after that we wait for events as long as asked.
                openCts.CancelAfter(Timeout.InfiniteTimeSpan);
                sinceLastStream.Restart();
            }
        }
    }
}

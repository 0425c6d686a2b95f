using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pgha.Agent;

namespace Pgha.Etcd;

/// <summary>
/// One long-lived streaming <c>/v3/watch</c> on a prefix, yielding every change in order. A broken stream (member
/// down, no raft leader) is reopened on the next endpoint from the last revision seen; only when none opens within
/// the retry budget does it give up. A compaction ends the enumeration: the caller re-reads and watches again.
/// </summary>
/// <param name="streamState">Told the endpoint when etcd confirms a (re)opened stream, null when a stream broke.</param>
internal sealed class EtcdPrefixWatch(EtcdGatewayClient client, string prefix, Action<string?>? streamState = null)
{
    public async IAsyncEnumerable<DcsChange> WatchAsync(long startRevision, [EnumeratorCancellation] CancellationToken ct)
    {
        var sinceLastStream = Stopwatch.StartNew();
        string lastError = "no attempt";
        while (sinceLastStream.Elapsed < client.RetryBudget)
        {
            string endpoint = client.Endpoints.Current;
            using var openCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            openCts.CancelAfter(client.CallTimeout);
            StreamReader? reader = null;
            HttpResponseMessage? response = null;
            try
            {
                response = await client.OpenStreamAsync(endpoint, "/v3/watch", CreateRequest(startRevision), openCts.Token);
                reader = new StreamReader(await response.Content.ReadAsStreamAsync(openCts.Token));
            }
            catch (Exception e) when (IsStreamFailure(e, ct))
            {
                lastError = $"{endpoint}: {e.Message}";
            }
            using (response)
            using (reader)
            {
                while (reader is not null)
                {
                    WatchBatch batch;
                    try
                    {
                        batch = await ReadBatchAsync(reader, openCts, sinceLastStream, endpoint);
                    }
                    catch (Exception e) when (IsStreamFailure(e, ct))
                    {
                        lastError = $"{endpoint}: {e.Message}";
                        break;
                    }
                    foreach (DcsChange change in batch.Changes)
                    {
                        startRevision = change.Revision + 1;
                        yield return change;
                    }
                    if (batch.Compacted)
                    {
                        yield break;
                    }
                    if (batch.Ended)
                    {
                        lastError = $"{endpoint}: watch stream ended";
                        break;
                    }
                }
            }
            streamState?.Invoke(null);
            client.Endpoints.Rotate(endpoint);
            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }
        throw EtcdErrors.Unreachable(client.Endpoints.All, client.RetryBudget, lastError);
    }

    private JsonObject CreateRequest(long startRevision) => new()
    {
        ["create_request"] = new JsonObject
        {
            ["key"] = EtcdJson.B64(prefix),
            ["range_end"] = EtcdJson.PrefixEndB64(prefix),
            ["start_revision"] = startRevision.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Reads stream lines until one carries events, a compaction, or the end.</summary>
    private async Task<WatchBatch> ReadBatchAsync(StreamReader reader, CancellationTokenSource openCts, Stopwatch sinceLastStream, string endpoint)
    {
        while (true)
        {
            string? line = await reader.ReadLineAsync(openCts.Token);
            JsonNode? result = line is null ? null : JsonNode.Parse(line)?["result"];
            if (result is null || result["canceled"]?.GetValue<bool>() == true)
            {
                return WatchBatch.End; // stream closed, or {"error":...} such as "etcdserver: no leader"
            }
            if (EtcdJson.Int64(result["compact_revision"]) > 0)
            {
                return new WatchBatch([], Compacted: true, Ended: false);
            }
            if (result["events"] is JsonArray { Count: > 0 } events)
            {
                return new WatchBatch(events.Select(ToChange).OfType<DcsChange>().ToList(), false, false);
            }
            if (result["created"]?.GetValue<bool>() == true)
            {
                // Until etcd confirms the watch the call deadline applies; after that we wait for events as long as asked.
                openCts.CancelAfter(Timeout.InfiniteTimeSpan);
                sinceLastStream.Restart();
                streamState?.Invoke(endpoint);
            }
        }
    }

    private DcsChange? ToChange(JsonNode? e)
    {
        JsonNode? kv = e?["kv"];
        string key = EtcdJson.FromB64(kv?["key"]);
        if (kv is null || !key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        bool deleted = e!["type"]?.GetValue<string>() == "DELETE";
        return new DcsChange(key[prefix.Length..], deleted ? null : EtcdJson.FromB64(kv["value"]), EtcdJson.Int64(kv["mod_revision"]), EtcdJson.Int64(kv["lease"]));
    }

    private static bool IsStreamFailure(Exception e, CancellationToken ct) =>
        e is HttpRequestException or IOException or JsonException || (e is OperationCanceledException && !ct.IsCancellationRequested);

    private sealed record WatchBatch(IReadOnlyList<DcsChange> Changes, bool Compacted, bool Ended)
    {
        public static readonly WatchBatch End = new([], false, true);
    }
}

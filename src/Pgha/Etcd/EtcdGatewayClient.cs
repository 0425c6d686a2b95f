using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Pgha.Etcd;

/// <summary>
/// Unary calls to etcd's v3 JSON gateway (<c>POST &lt;endpoint&gt;/v3/...</c>) over HTTP/1.1. Sticks to one endpoint and
/// moves to the next on connection failure, timeout, 5xx or "no leader", retrying until the retry budget is spent.
/// </summary>
public sealed class EtcdGatewayClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly EtcdAuth? _auth;

    public EtcdGatewayClient(IEnumerable<string> endpoints, TimeSpan? callTimeout = null, TimeSpan? retryBudget = null,
        string? username = null, string? password = null)
    {
        Endpoints = new EtcdEndpoints(endpoints);
        CallTimeout = callTimeout ?? TimeSpan.FromSeconds(2);
        RetryBudget = retryBudget ?? TimeSpan.FromSeconds(10);
        // Timeouts are per call (linked tokens), so the HttpClient's own timeout must never fire first. The pool's
        // scavenging timer runs every quarter of the idle timeout (with a floor) and wakes the timer thread and the thread
        // pool each time: 2 min (a scan every 30 s) instead of 30 s (every 7.5 s) is a quarter of those idle wake-ups. The
        // connections in use are reused every loop_wait; a member that closed one is noticed at reuse and dialled again.
        _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = CallTimeout, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _auth = username is null ? null : new EtcdAuth(username, password ?? "");
    }

    private long _failedAttempts;
    private long _highestWriteRevision;

    public EtcdEndpoints Endpoints { get; }
    public TimeSpan CallTimeout { get; }
    public TimeSpan RetryBudget { get; }

    /// <summary>Attempts that found an endpoint unreachable or unhealthy since start: a hint that a watch may be stale.</summary>
    public long FailedAttempts => Interlocked.Read(ref _failedAttempts);

    /// <summary>The highest revision a key write (put, txn, delete) of this process was answered at.</summary>
    public long HighestWriteRevision => Interlocked.Read(ref _highestWriteRevision);

    /// <summary>Calls <paramref name="path"/> (such as <c>/v3/kv/range</c>) and returns the JSON response.</summary>
    /// <exception cref="Agent.DcsUnavailableException">No endpoint answered within the retry budget.</exception>
    /// <exception cref="EtcdRpcException">etcd refused the request for a reason retrying would not fix.</exception>
    public async Task<JsonNode> CallAsync(string path, JsonObject body, CancellationToken ct)
    {
        var budget = Stopwatch.StartNew();
        string lastError = "no attempt";
        bool reauthenticated = false;
        for (int attempt = 0; ; attempt++)
        {
            string endpoint = Endpoints.Current;
            EtcdReply reply;
            try
            {
                reply = await TrySendAsync(endpoint, path, body, CallTimeoutWithin(budget), ct);
            }
            catch (OperationCanceledException)
            {
                // The caller gave up (its own deadline): this endpoint did not answer in the time there was, so the
                // next call starts at another, as after a timeout of our own.
                Endpoints.Rotate(endpoint);
                throw;
            }
            if (reply.Json is JsonNode ok)
            {
                NoteWrite(path, ok);
                return ok;
            }
            if (reply.GrpcCode is int code && EtcdErrors.IsInvalidToken(code, reply.Error) && _auth is not null && !reauthenticated)
            {
                reauthenticated = true;
                _auth.Invalidate();
                continue;
            }
            if (!reply.Retryable)
            {
                throw new EtcdRpcException(reply.GrpcCode ?? EtcdErrors.Unknown, reply.Error, endpoint);
            }
            lastError = $"{endpoint}: {reply.Error}";
            Interlocked.Increment(ref _failedAttempts);
            Endpoints.Rotate(endpoint);
            if (budget.Elapsed >= RetryBudget)
            {
                throw EtcdErrors.Unreachable(Endpoints.All, RetryBudget, lastError);
            }
            await PauseAfterFailedRoundAsync(attempt, budget, ct);
        }
    }

    /// <summary>Opens a streaming call (watch) on the current endpoint; the caller reads newline-separated JSON messages.</summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string endpoint, string path, JsonObject body, CancellationToken ct)
    {
        using var request = await BuildRequestAsync(endpoint, path, body, ct);
        // With this header a member that has lost its raft leader ends the stream instead of keeping it silent.
        request.Headers.Add("Grpc-Metadata-hasleader", "true");
        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            string text = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            throw new HttpRequestException($"HTTP {(int)response.StatusCode}: {text.Trim()}");
        }
        return response;
    }

    public void Dispose() => _http.Dispose();

    private void NoteWrite(string path, JsonNode reply)
    {
        if (path is "/v3/kv/put" or "/v3/kv/txn" or "/v3/kv/deleterange")
        {
            long revision = EtcdJson.Revision(reply);
            long seen = Interlocked.Read(ref _highestWriteRevision);
            while (revision > seen && Interlocked.CompareExchange(ref _highestWriteRevision, revision, seen) != seen)
            {
                seen = Interlocked.Read(ref _highestWriteRevision);
            }
        }
    }

    private async Task<EtcdReply> TrySendAsync(string endpoint, string path, JsonObject body, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using HttpRequestMessage request = await BuildRequestAsync(endpoint, path, body, cts.Token);
            using HttpResponseMessage response = await _http.SendAsync(request, cts.Token);
            string text = await response.Content.ReadAsStringAsync(cts.Token);
            return EtcdReply.From((int)response.StatusCode, text);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return EtcdReply.Failure($"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return EtcdReply.Failure(e.Message);
        }
        catch (IOException e)
        {
            return EtcdReply.Failure(e.Message);
        }
        catch (EtcdRpcException e) when (EtcdErrors.IsRetryable(e.GrpcCode, e.Detail))
        {
            return EtcdReply.Failure(e.Detail); // the authentication request itself could not reach this endpoint
        }
    }

    private async Task<HttpRequestMessage> BuildRequestAsync(string endpoint, string path, JsonObject body, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint + path)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (_auth is not null && path != EtcdAuth.AuthenticatePath)
        {
            string token = await _auth.TokenAsync(this, endpoint, ct);
            if (token.Length > 0)
            {
                request.Headers.TryAddWithoutValidation("Authorization", token);
            }
        }
        return request;
    }

    /// <summary>Authenticates directly against one endpoint (no retry loop: the caller's attempt covers it).</summary>
    internal async Task<JsonNode> CallOnceAsync(string endpoint, string path, JsonObject body, CancellationToken ct)
    {
        EtcdReply reply = await TrySendAsync(endpoint, path, body, CallTimeout, ct);
        return reply.Json ?? throw new EtcdRpcException(reply.GrpcCode ?? EtcdErrors.Unavailable, reply.Error, endpoint);
    }

    private TimeSpan CallTimeoutWithin(Stopwatch budget)
    {
        TimeSpan left = RetryBudget - budget.Elapsed;
        TimeSpan floor = TimeSpan.FromMilliseconds(200);
        return left < CallTimeout ? (left > floor ? left : floor) : CallTimeout;
    }

    /// <summary>After every endpoint failed once, back off (0.1 s doubling to 1 s) so a dead cluster is not hammered.</summary>
    private async Task PauseAfterFailedRoundAsync(int attempt, Stopwatch budget, CancellationToken ct)
    {
        int round = (attempt + 1) / Endpoints.All.Count;
        if ((attempt + 1) % Endpoints.All.Count != 0)
        {
            return;
        }
        TimeSpan pause = TimeSpan.FromMilliseconds(Math.Min(1000, 100 * (1 << Math.Min(round - 1, 4))));
        TimeSpan left = RetryBudget - budget.Elapsed;
        await Task.Delay(pause < left ? pause : left, ct);
    }
}

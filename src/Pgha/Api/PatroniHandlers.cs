using Microsoft.AspNetCore.Http;
using Pgha.Core.Api;

namespace Pgha.Api;

/// <summary>
/// The request handlers: read the latest snapshot, ask <see cref="EndpointStatus"/> or a JSON builder in Pgha.Core,
/// write the answer. Nothing here queries PostgreSQL or etcd.
/// </summary>
internal sealed class PatroniHandlers(ISnapshotSource snapshots, TimeProvider time)
{
    /// <summary>Every health check, routed by substring as Patroni does. GET gets the /patroni body, HEAD/OPTIONS only the status.</summary>
    public Task HealthAsync(HttpContext context)
    {
        AgentSnapshot? snapshot = snapshots.Current;
        DateTimeOffset now = time.GetUtcNow();
        HttpRequest request = context.Request;
        HealthQuery query = request.QueryString.HasValue ? ReadQuery(request.Query) : HealthQuery.None;
        int status = EndpointStatus.ForPath(request.Path.Value ?? "/", snapshot, now, query);
        if (!HttpMethods.IsGet(request.Method))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        return WriteStatusAsync(context.Response, status, snapshot, now);
    }

    /// <summary><c>/liveness</c> and <c>/readiness</c>: Patroni answers these with a bare status line.</summary>
    public Task ProbeAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        context.Response.StatusCode = EndpointStatus.ForPath(request.Path.Value ?? "/", snapshots.Current, time.GetUtcNow(), HealthQuery.None);
        return Task.CompletedTask;
    }

    public Task PatroniAsync(HttpContext context)
    {
        AgentSnapshot? snapshot = snapshots.Current;
        return WriteStatusAsync(context.Response, snapshot is null ? 503 : 200, snapshot, time.GetUtcNow());
    }

    public Task ClusterAsync(HttpContext context)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return WriteStartingAsync(context.Response);
        }
        int status = snapshot.Cluster.IsReachable ? 200 : 503;
        return JsonResponse.WriteAsync(context.Response, status, snapshot.Cluster, static (w, c) => ClusterJson.Write(w, c));
    }

    public Task HistoryAsync(HttpContext context)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return WriteStartingAsync(context.Response);
        }
        return JsonResponse.WriteAsync(context.Response, 200, snapshot.Cluster.History, static (w, h) => HistoryJson.Write(w, h));
    }

    /// <summary>The <c>config</c> key as stored; 502 when the cluster has none, as in Patroni.</summary>
    public Task ConfigAsync(HttpContext context)
    {
        if (snapshots.Current is not { } snapshot)
        {
            return WriteStartingAsync(context.Response);
        }
        if (string.IsNullOrEmpty(snapshot.Cluster.ConfigJson))
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return Task.CompletedTask;
        }
        context.Response.ContentType = JsonResponse.ContentType;
        return context.Response.WriteAsync(snapshot.Cluster.ConfigJson);
    }

    public Task MetricsAsync(HttpContext context)
    {
        if (snapshots.Current is not { } snapshot)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(MetricsText.Build(snapshot, time.GetUtcNow()));
    }

    private static Task WriteStatusAsync(HttpResponse response, int status, AgentSnapshot? snapshot, DateTimeOffset now) =>
        snapshot is null
            ? WriteStartingAsync(response)
            : JsonResponse.WriteAsync(response, status, (snapshot, now), static (w, state) => PatroniStatusJson.Write(w, state.snapshot, state.now));

    private static Task WriteStartingAsync(HttpResponse response) =>
        JsonResponse.WriteAsync(response, 503, 0, static (w, _) => PatroniStatusJson.WriteStarting(w));

    private static HealthQuery ReadQuery(IQueryCollection query) =>
        HealthQuery.Parse(query.Select(pair => new KeyValuePair<string, string>(pair.Key, pair.Value.FirstOrDefault() ?? "")));
}

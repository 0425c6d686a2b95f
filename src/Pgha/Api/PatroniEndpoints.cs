using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Pgha.Api;

/// <summary>Patroni 3.0.2's read endpoints. Routes only; the answers come from <see cref="PatroniHandlers"/>.</summary>
internal static class PatroniEndpoints
{
    private static readonly string[] s_statusMethods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options];

    public static void Map(IEndpointRouteBuilder app, PatroniHandlers h)
    {
        // Dedicated endpoints, GET only: Patroni sends HEAD/OPTIONS on them to the health handler (a 503).
        app.MapGet("/patroni", h.PatroniAsync);
        app.MapGet("/cluster", h.ClusterAsync);
        app.MapGet("/history", h.HistoryAsync);
        app.MapGet("/config", h.ConfigAsync);
        app.MapGet("/metrics", h.MetricsAsync);
        app.MapMethods("/liveness", s_statusMethods, h.ProbeAsync);
        app.MapMethods("/readiness", s_statusMethods, h.ProbeAsync);

        // Health checks. The catch-all keeps Patroni's substring routing (/replica/x, /foo-primary, unknown => 503).
        app.MapMethods("/", s_statusMethods, h.HealthAsync);
        app.MapMethods("/primary", s_statusMethods, h.HealthAsync);
        app.MapMethods("/master", s_statusMethods, h.HealthAsync);
        app.MapMethods("/read-write", s_statusMethods, h.HealthAsync);
        app.MapMethods("/leader", s_statusMethods, h.HealthAsync);
        app.MapMethods("/standby-leader", s_statusMethods, h.HealthAsync);
        app.MapMethods("/standby_leader", s_statusMethods, h.HealthAsync);
        app.MapMethods("/replica", s_statusMethods, h.HealthAsync);
        app.MapMethods("/read-only", s_statusMethods, h.HealthAsync);
        app.MapMethods("/health", s_statusMethods, h.HealthAsync);
        app.MapMethods("/sync", s_statusMethods, h.HealthAsync);
        app.MapMethods("/synchronous", s_statusMethods, h.HealthAsync);
        app.MapMethods("/async", s_statusMethods, h.HealthAsync);
        app.MapMethods("/asynchronous", s_statusMethods, h.HealthAsync);
        app.MapMethods("/read-only-sync", s_statusMethods, h.HealthAsync);
        app.MapMethods("/read-only-synchronous", s_statusMethods, h.HealthAsync);
        app.MapMethods("/{**path}", s_statusMethods, h.HealthAsync);
    }
}

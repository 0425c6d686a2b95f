using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Pgha.Api;

/// <summary>Patroni's write endpoints (access-checked by <see cref="UnsafeMethodAuthentication"/>).</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ControlHandlers h, ConfigHandlers config, MemberHandlers member)
    {
        app.MapPost("/switchover", h.SwitchoverAsync);
        app.MapDelete("/switchover", h.DeleteSwitchoverAsync);
        app.MapPost("/failover", h.FailoverAsync);
        app.MapPost("/reload", h.ReloadAsync);
        app.MapPost("/restart", member.RestartAsync);
        app.MapDelete("/restart", member.DeleteRestartAsync);
        app.MapPost("/reinitialize", member.ReinitializeAsync);
        app.MapPatch("/config", config.PatchAsync);
        app.MapPut("/config", config.PutAsync);
    }
}

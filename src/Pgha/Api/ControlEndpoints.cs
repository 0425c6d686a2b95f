using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Pgha.Api;

/// <summary>Patroni's write endpoints (access-checked by <see cref="UnsafeMethodAuthentication"/>).</summary>
internal static class ControlEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ControlHandlers h)
    {
        app.MapPost("/switchover", h.SwitchoverAsync);
        app.MapDelete("/switchover", h.DeleteSwitchoverAsync);
        app.MapPost("/failover", h.FailoverAsync);
    }
}

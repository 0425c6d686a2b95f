using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Pgha.Core.Cluster;
using Pgha.Core.Ctl;
using Pgha.Core.Dcs;
using Pgha.Operations;

namespace Pgha.Api;

/// <summary>
/// Patroni's unsafe (write) endpoints. Each one reads a fresh snapshot, writes a DCS key the HA loop acts on, wakes
/// the loop, and answers with Patroni's status codes and messages (plain text).
/// </summary>
internal sealed class ControlHandlers(AgentControl control, TimeProvider time, ILogger<ControlHandlers> logger)
{
    public Task SwitchoverAsync(HttpContext context) => RunSwitchoverAsync(context, isFailover: false);

    public Task FailoverAsync(HttpContext context) => RunSwitchoverAsync(context, isFailover: true);

    /// <summary>POST /reload: the next calm HA cycle rewrites the PostgreSQL config files and reloads.</summary>
    public Task ReloadAsync(HttpContext context)
    {
        control.Reload.Request();
        control.Wake.Set();
        return TextAsync(context, 202, "reload scheduled");
    }

    /// <summary>DELETE /switchover: cancels a scheduled switchover.</summary>
    public async Task DeleteSwitchoverAsync(HttpContext context)
    {
        ClusterView view = await control.Store.ReadAsync(context.RequestAborted);
        if (view.Failover is not { IsEmpty: false, ScheduledAt: not null })
        {
            await TextAsync(context, 404, "no switchover is scheduled");
            return;
        }
        await control.Store.PutAsync(DcsKeys.Failover, "{}", null, context.RequestAborted);
        await TextAsync(context, 200, "scheduled switchover deleted");
    }

    private async Task RunSwitchoverAsync(HttpContext context, bool isFailover)
    {
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        (SwitchoverRequest? request, Refusal? refusal) = SwitchoverBody.Parse(body, isFailover, control.Settings.Dynamic.Pause, time.GetUtcNow());
        if (request is null)
        {
            await TextAsync(context, refusal!.Status, refusal.Message);
            return;
        }
        // The first mark of a switchover's timeline (BENCHMARKS.md, "Switchover timeline").
        logger.LogInformation("{Kind} requested: leader {Leader}, candidate {Candidate}", isFailover ? "failover" : "switchover",
            request.Leader ?? "(any)", request.Candidate ?? "(any)");
        var operation = new SwitchoverOperation(control.Store, time);
        (int status, string message, _) = await operation.RunAsync(request, SwitchoverOperation.Timeout(control.Settings.Dynamic.LoopWait), control.Wake.Set, context.RequestAborted);
        await TextAsync(context, status, message);
    }

    public static Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync(text);
    }
}

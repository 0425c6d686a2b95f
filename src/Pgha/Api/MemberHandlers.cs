using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pgha.Core.Ctl;

namespace Pgha.Api;

/// <summary>POST/DELETE /restart and POST /reinitialize: queued for the HA loop, answered with Patroni's codes.</summary>
internal sealed class MemberHandlers(AgentControl control, TimeProvider time)
{
    public async Task RestartAsync(HttpContext context)
    {
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        (RestartRequest? request, Refusal? refusal) = RestartBody.Parse(body, control.Settings.Dynamic.Pause, time.GetUtcNow());
        if (request is null)
        {
            await ControlHandlers.TextAsync(context, refusal!.Status, refusal.Message);
            return;
        }
        if (request.Schedule is not null)
        {
            (int status, string message) = control.Requests.Schedule(request);
            await ControlHandlers.TextAsync(context, status, message);
            return;
        }
        Task<(int Status, string Message)> outcome = control.Requests.EnqueueAsync("restart", request);
        control.Wake.Set();
        await AnswerAsync(context, outcome, TimeSpan.FromSeconds(request.Timeout ?? control.Settings.Dynamic.PrimaryStartTimeout + 60), "restart");
    }

    public Task DeleteRestartAsync(HttpContext context) => control.Requests.CancelScheduled()
        ? ControlHandlers.TextAsync(context, 200, "scheduled restart deleted")
        : ControlHandlers.TextAsync(context, 404, "no restarts are scheduled");

    public async Task ReinitializeAsync(HttpContext context)
    {
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (body.Trim().Length > 0 && !IsObject(body))
        {
            await ControlHandlers.TextAsync(context, 400, "the request body must be a JSON object such as {\"force\": true}");
            return;
        }
        Task<(int Status, string Message)> outcome = control.Requests.EnqueueAsync("reinitialize", new RestartRequest());
        control.Wake.Set();
        await AnswerAsync(context, outcome, TimeSpan.FromSeconds(120), "reinitialize");
    }

    private static async Task AnswerAsync(HttpContext context, Task<(int Status, string Message)> outcome, TimeSpan timeout, string kind)
    {
        try
        {
            (int code, string text) = await outcome.WaitAsync(timeout, context.RequestAborted);
            await ControlHandlers.TextAsync(context, code, text);
        }
        catch (TimeoutException)
        {
            await ControlHandlers.TextAsync(context, 503, $"{kind} status unknown: the HA loop did not run it within {timeout.TotalSeconds:0} s");
        }
    }

    private static bool IsObject(string body)
    {
        try
        {
            using JsonDocument doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}

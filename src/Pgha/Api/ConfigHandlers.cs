using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;
using Pgha.Operations;

namespace Pgha.Api;

/// <summary>
/// PATCH /config (recursive merge, null deletes, CAS) and PUT /config (whole config): validated against the leader's
/// pg_settings and Patroni's rules first, so that a rejected change leaves etcd untouched (400 with the reasons).
/// </summary>
internal sealed class ConfigHandlers(AgentControl control)
{
    public Task PatchAsync(HttpContext context) => WriteAsync(context, patch: true);

    public Task PutAsync(HttpContext context) => WriteAsync(context, patch: false);

    private async Task WriteAsync(HttpContext context, bool patch)
    {
        CancellationToken ct = context.RequestAborted;
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync(ct);
        if (Parse(body) is not { Count: > 0 } request)
        {
            await ControlHandlers.TextAsync(context, 400, "the request body must be a non-empty JSON object");
            return;
        }
        ClusterView view = await control.Store.ReadAsync(ct);
        if (patch && view.ConfigJson is null)
        {
            await ControlHandlers.TextAsync(context, 503, "no configuration in the DCS yet");
            return;
        }
        JsonObject before = ConfigUpdate.Current(view);
        JsonObject after = patch ? (JsonObject)before.DeepClone() : request;
        if (patch)
        {
            Core.Ctl.ConfigEdits.Merge(after, request);
        }
        var superuser = control.Settings.Local.Postgresql.Superuser;
        var update = new ConfigUpdate(control.Store, superuser.Username, superuser.Password);
        IReadOnlyList<string> errors;
        try
        {
            errors = await update.ValidateAsync(view, before, after, ct);
        }
        catch (PghaException e)
        {
            await ControlHandlers.TextAsync(context, 503, e.Message);
            return;
        }
        if (errors.Count > 0)
        {
            await ControlHandlers.TextAsync(context, 400, string.Join("\n", errors));
            return;
        }
        bool written = patch ? await update.WriteAsync(view, after, ct) : await control.Store.PutAsync(DcsKeys.Config, after.ToJsonString(), null, ct);
        if (!written)
        {
            await ControlHandlers.TextAsync(context, 409, "Config modification aborted due to concurrent changes");
            return;
        }
        control.Wake.Set();
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonResponse.ContentType;
        await context.Response.WriteAsync(after.ToJsonString(), ct);
    }

    private static JsonObject? Parse(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

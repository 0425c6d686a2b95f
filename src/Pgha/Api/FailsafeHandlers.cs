using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pgha.Agent;
using Pgha.Core.Api;
using Pgha.Core.Cluster;
using Pgha.Core.Dcs;

namespace Pgha.Api;

/// <summary>
/// <c>POST /failsafe</c> (Patroni 3.0.2): a primary that lost etcd asks this member to accept it as leader. A member
/// that runs as primary itself, or holds the leader key, refuses with 500 "Running as a leader"; otherwise it accepts,
/// and the HA loop then stays out of the leader race for ttl. 502 when failsafe_mode is off, as in Patroni.
/// </summary>
internal sealed class FailsafeHandlers(ClusterSettings settings, ISnapshotSource snapshots, FailsafeInbox inbox, TimeProvider time)
{
    public async Task PostAsync(HttpContext context)
    {
        if (!settings.Dynamic.FailsafeMode)
        {
            await ControlHandlers.TextAsync(context, 502, "Failsafe mode is not enabled");
            return;
        }
        string body = await new StreamReader(context.Request.Body).ReadToEndAsync(context.RequestAborted);
        if (PrimaryName(body) is not { } primary)
        {
            await ControlHandlers.TextAsync(context, 400, "Bad request: a JSON object with the primary's \"name\" is expected");
            return;
        }
        if (snapshots.Current is { } snapshot && IsLeader(snapshot))
        {
            await ControlHandlers.TextAsync(context, 500, "Running as a leader");
            return;
        }
        inbox.Accept(primary);
        await ControlHandlers.TextAsync(context, 200, "Accepted");
    }

    /// <summary><c>GET /failsafe</c>: the failsafe key as last read, or 502 when there is none.</summary>
    public Task GetAsync(HttpContext context)
    {
        if (snapshots.Current?.Cluster.Failsafe is not { } members)
        {
            return ControlHandlers.TextAsync(context, 502, "No failsafe key");
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonResponse.ContentType;
        return context.Response.WriteAsync(FailsafeJson.Serialize(members));
    }

    private bool IsLeader(AgentSnapshot snapshot) =>
        snapshot.Postgres.IsRunningPrimary || snapshot.Role == MemberRole.Primary || snapshot.IsLeaderAt(time.GetUtcNow());

    private static string? PrimaryName(string body)
    {
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

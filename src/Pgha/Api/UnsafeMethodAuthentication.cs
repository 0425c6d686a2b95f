using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Pgha.Core.Config;

namespace Pgha.Api;

/// <summary>
/// Basic authentication (<c>restapi.authentication</c>) for every method that changes something. GET, HEAD and
/// OPTIONS are never authenticated, as in Patroni, so health checks need no credentials.
/// </summary>
/// <remarks>Extension point: the POST/PUT/PATCH/DELETE endpoints (switchover, restart, config) are added later and are
/// covered by this middleware without further work. Allowlists and client certificates would go next to it.</remarks>
internal sealed class UnsafeMethodAuthentication(RestApiConfig config)
{
    private readonly byte[]? _expected = config.Username is null
        ? null
        : Encoding.UTF8.GetBytes("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config.Username}:{config.Password}")));

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_expected is null || IsSafe(context.Request.Method))
        {
            return next(context);
        }
        string? header = context.Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return DenyAsync(context, "no auth header received");
        }
        // Constant-time, so the response time does not reveal how much of the password matched.
        bool matches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header), _expected);
        return matches ? next(context) : DenyAsync(context, "not authenticated");
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private static Task DenyAsync(HttpContext context, string reason)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Patroni\"";
        context.Response.ContentType = "text/html";
        return context.Response.WriteAsync(reason);
    }
}

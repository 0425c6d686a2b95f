using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pgha.Core.Api;

namespace Pgha.Api;

/// <summary>Writes a JSON body straight into the response pipe: no intermediate string or buffer.</summary>
internal static class JsonResponse
{
    public const string ContentType = "application/json";

    public static async Task WriteAsync<TState>(HttpResponse response, int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        response.StatusCode = status;
        response.ContentType = ContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter, ApiJson.WriterOptions))
        {
            write(writer, state);
        }
        await response.BodyWriter.FlushAsync(response.HttpContext.RequestAborted);
    }
}

using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pgha.Core.Api;

/// <summary>Writer settings shared by every API body.</summary>
public static class ApiJson
{
    /// <summary>
    /// The relaxed encoder keeps <c>+00:00</c> and <c>&lt;</c> readable instead of <c>\u002B</c>; the bodies are
    /// JSON for tools, never embedded in HTML.
    /// </summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WireScim.Emulator.Http;

internal static class Responses
{
    public const string ScimContentType = "application/scim+json;charset=utf-8";
    public const string JsonContentType = "application/json";

    /// <summary>Escapes only what JSON requires, as aeson does (no \u0022 for quotes).</summary>
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node) => node.ToJsonString(Json);

    public static Task WriteScimAsync(HttpContext context, int status, JsonNode body) =>
        WriteAsync(context, status, ScimContentType, Serialize(body));

    public static Task WriteJsonAsync(HttpContext context, int status, JsonNode body) =>
        WriteAsync(context, status, JsonContentType, Serialize(body));

    public static Task WriteTextAsync(HttpContext context, int status, string text) =>
        WriteAsync(context, status, "text/plain;charset=utf-8", text);

    public static Task NoContent(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private static async Task WriteAsync(HttpContext context, int status, string contentType, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }
}

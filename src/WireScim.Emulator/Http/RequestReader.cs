using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using WireScim.Emulator.Store;

namespace WireScim.Emulator.Http;

/// <summary>Servant's checks before a SCIM handler runs: Accept (406), Content-Type (415), JSON body (400).</summary>
internal static class RequestReader
{
    private static readonly string[] JsonMediaTypes = ["application/scim+json", "application/json"];

    public static void CheckAccept(HttpContext context)
    {
        var accept = context.Request.Headers.Accept;
        if (accept.Count == 0) return;
        if (!MediaTypeHeaderValue.TryParseList(accept, out var ranges) || ranges.Count == 0) return;
        var acceptable = ranges.Any(r =>
            r.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase) ||
            r.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase) ||
            JsonMediaTypes.Any(t => r.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)));
        if (!acceptable) throw new PlainError(StatusCodes.Status406NotAcceptable, "");
    }

    public static void CheckContentType(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        var supported = contentType is not null && MediaTypeHeaderValue.TryParse(contentType, out var parsed) &&
            JsonMediaTypes.Any(t => parsed.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase));
        if (!supported) throw new PlainError(StatusCodes.Status415UnsupportedMediaType, "");
    }

    /// <summary>A SCIM request with a body: Accept, Content-Type, header syntax, body; the token is checked last.</summary>
    public static async Task<(ScimTokenRecord Token, T Body)> ReadScimRequestAsync<T>(HttpContext context, EmulatorStore store, Func<JsonNode?, T> parse)
    {
        CheckAccept(context);
        CheckContentType(context);
        var header = ScimAuthentication.ReadHeader(context);
        var body = parse(await ReadJsonAsync(context));
        return (ScimAuthentication.Authenticate(store, header), body);
    }

    /// <summary>The body as JSON; malformed JSON is a plain-text 400 as servant gives it.</summary>
    public static async Task<JsonNode?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new PlainError(400, $"Error in $: Failed reading: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // nginz's client_max_body_size (512k) answers before spar sees the request.
            throw new NginxError(StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large");
        }
    }
}

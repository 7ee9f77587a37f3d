using System.Text;
using System.Text.Json.Nodes;

namespace WireScim.Emulator.Http;

internal static class ErrorWriter
{
    public const string ScimErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error";

    public static Task WriteAsync(HttpContext context, EmulatorError error, string envelope) => error switch
    {
        ScimError scim => WriteScimAsync(context, scim, envelope),
        WireError wire => Responses.WriteJsonAsync(context, wire.Status, WireBody(wire.Status, wire.Label, wire.Message)),
        NginxError nginx => WriteNginxPageAsync(context, nginx.Status, nginx.Reason),
        PlainError plain => Responses.WriteTextAsync(context, plain.Status, plain.Message),
        _ => throw new InvalidOperationException("unknown error kind"),
    };

    public static JsonObject ScimBody(ScimError error)
    {
        var body = new JsonObject
        {
            ["schemas"] = new JsonArray(ScimErrorSchema),
            ["status"] = error.Status.ToString(),
        };
        if (error.ScimType is not null) body["scimType"] = error.ScimType;
        if (error.Detail is not null) body["detail"] = error.Detail;
        return body;
    }

    private static Task WriteScimAsync(HttpContext context, ScimError error, string envelope)
    {
        var scimBody = ScimBody(error);
        return envelope == "wire"
            // Releases 5.24+ wrap the SCIM error, serialized as a string, in Wire's own error JSON.
            ? Responses.WriteJsonAsync(context, error.Status, WireBody(error.Status, "scim-error", Responses.Serialize(scimBody)))
            : Responses.WriteScimAsync(context, error.Status, scimBody);
    }

    private static JsonObject WireBody(int status, string label, string message) =>
        new() { ["code"] = status, ["label"] = label, ["message"] = message };

    public static async Task WriteNginxPageAsync(HttpContext context, int status, string reason)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html";
        // nginx's limit_req and limit_conn answer without Retry-After: the client has to pace itself.
        var title = $"{status} {reason}";
        var page = $"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes(page), context.RequestAborted);
    }
}

namespace WireScim.Emulator.Http;

/// <summary>An error that ends the request; <see cref="ErrorWriter"/> renders it in the matching shape.</summary>
internal abstract class EmulatorError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>A SCIM error value (hscim's ScimError), rendered through the configured envelope.</summary>
internal sealed class ScimError(int status, string? scimType, string? detail)
    : EmulatorError(status, detail ?? scimType ?? status.ToString())
{
    public string? ScimType { get; } = scimType;
    public string? Detail { get; } = detail;

    public static ScimError BadRequest(string scimType, string? detail) => new(400, scimType, detail);
    public static ScimError InvalidValue(string detail) => new(400, "invalidValue", detail);
    public static ScimError Uniqueness(string detail) => new(409, "uniqueness", detail);
    public static ScimError UserNotFound(Guid id) => new(404, null, $"User {id} not found");

    /// <summary>
    /// spar's wrapScimErrors (services/spar/src/Spar/Scim.hs): a Wire error raised in a SCIM handler becomes a SCIM
    /// error with the same status, no scimType, and the Wire error JSON as a string in detail.
    /// </summary>
    public static ScimError Nested(int status, string label, string message) =>
        new(status, null, Responses.Serialize(new System.Text.Json.Nodes.JsonObject { ["code"] = status, ["label"] = label, ["message"] = message }));

    /// <summary>A blocked handle: brig answers spar's HEAD with a bodiless 400 that spar cannot read.</summary>
    public static ScimError BlockedHandle() =>
        Nested(502, "bad-upstream", "Could not parse brig response body: internal error: (400,\"<empty body>\")");

    /// <summary>brig's invitation refused because another account has the e-mail.</summary>
    public static ScimError EmailExists() => Nested(409, "email-exists", "The given e-mail address is in use.");
}

/// <summary>A failure servant reports before the handler runs: plain text, not SCIM JSON.</summary>
internal sealed class PlainError(int status, string text) : EmulatorError(status, text);

/// <summary>A Wire JSON error <c>{"code","label","message"}</c> (token API, login).</summary>
internal sealed class WireError(int status, string label, string message) : EmulatorError(status, message)
{
    public string Label { get; } = label;
}

/// <summary>nginx's own answers (401 from zauth, 420/429 from limit_req): a small HTML page.</summary>
internal sealed class NginxError(int status, string reason) : EmulatorError(status, reason)
{
    public string Reason { get; } = reason;
}

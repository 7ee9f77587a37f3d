using WireScim.Emulator.Store;

namespace WireScim.Emulator.Http;

/// <summary>The SCIM bearer token: header syntax is checked by servant (plain 400), the token itself by spar (401).</summary>
internal static class ScimAuthentication
{
    private const string Prefix = "Bearer ";

    /// <summary>The token text, or null when no Authorization header was sent.</summary>
    public static string? ReadHeader(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue("Authorization", out var values)) return null;
        var header = values.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
            throw new PlainError(400, "Invalid Authorization header: expected 'Bearer <token>'");
        return header[Prefix.Length..];
    }

    public static ScimTokenRecord Authenticate(EmulatorStore store, string? token)
    {
        if (token is null) throw new ScimError(401, null, "authorization failed: Token not provided");
        return store.FindToken(token) ?? throw new ScimError(401, null, "authorization failed: Invalid SCIM token");
    }
}

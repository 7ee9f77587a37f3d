using System.Text.Json.Nodes;
using WireScim.Emulator.Http;
using WireScim.Emulator.Pipeline;
using WireScim.Emulator.Store;
using WireScim.Emulator.Tokens;
using WireScim.Emulator.Users;

namespace WireScim.Emulator.Endpoints;

/// <summary>brig's /login, /verification-code/send and /api-version, and spar's /scim/auth-tokens (behind nginz's zauth).</summary>
internal sealed class TokenEndpoints(EmulatorServices services)
{
    /// <summary>From API version 8 on, tokens carry a name and are bound to an IdP only when asked to.</summary>
    private const int NamedTokensVersion = 8;

    private Accounts Accounts => services.Accounts;
    private EmulatorStore Store => services.Store;

    public static void Map(IEndpointRouteBuilder routes, EmulatorServices services)
    {
        var tokens = new TokenEndpoints(services);
        routes.MapGet("/api-version", tokens.ApiVersionAsync);
        routes.MapPost("/login", tokens.LoginAsync);
        routes.MapPost("/verification-code/send", tokens.SendVerificationCodeAsync);
        routes.MapPost("/scim/auth-tokens", tokens.CreateAsync);
        routes.MapGet("/scim/auth-tokens", tokens.ListAsync);
        routes.MapDelete("/scim/auth-tokens", tokens.DeleteAsync);
        routes.MapPut("/scim/auth-tokens/{id}", tokens.RenameAsync);
    }

    private Task ApiVersionAsync(HttpContext context)
    {
        var supported = new JsonArray(Enumerable.Range(0, services.Options.MaxApiVersion + 1).Select(v => (JsonNode)v).ToArray());
        return Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["supported"] = supported,
            ["development"] = new JsonArray(),
            ["domain"] = "example.com",
            ["federation"] = false,
        });
    }

    private async Task LoginAsync(HttpContext context)
    {
        var body = await ReadWireJsonAsync(context);
        var password = OptionalString(body, "password");
        var account = OptionalString(body, "email") is { } email ? Accounts.FindByEmail(email)
            : OptionalString(body, "handle") is { } handle ? Accounts.FindByHandle(handle)
            : throw BadRequest("login needs an email or a handle");
        if (account is null || password is null) throw InvalidCredentials();
        switch (Accounts.CheckPassword(account, password))
        {
            case Accounts.PasswordCheck.RateLimited:
                throw TooManyRequests();
            case Accounts.PasswordCheck.Wrong:
                throw InvalidCredentials();
        }
        if (services.Options.SecondFactor)
        {
            // brig checks the password first, then the code for the action "login" (enforceVerificationCodeImpl).
            var code = OptionalString(body, "verification_code");
            if (code is null) throw new WireError(403, "code-authentication-required", "Code authentication is required");
            if (!services.Codes.Verify(account.Email, "login", code))
                throw new WireError(403, "code-authentication-failed", "Code authentication failed");
        }
        var accessToken = Accounts.IssueAccessToken(account);
        context.Response.Headers.SetCookie = $"zuid={ScimTokenRecord.NewSecret()}; Path=/access; HttpOnly";
        await Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["access_token"] = accessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = 900,
        });
    }

    /// <summary>
    /// brig's sendVerificationCode: 200 with no body whether or not a code was made; a code is made only for an account
    /// of a team with 2FA on, and a repeat for the same e-mail and action within the resend delay gets 429.
    /// </summary>
    private async Task SendVerificationCodeAsync(HttpContext context)
    {
        var body = await ReadWireJsonAsync(context);
        var action = OptionalString(body, "action");
        if (action is null || !VerificationCodes.Actions.Contains(action))
            throw BadRequest($"action must be one of {string.Join(", ", VerificationCodes.Actions)}");
        var email = OptionalString(body, "email");
        if (email is null || !UserParser.IsEmail(email)) throw BadRequest("email must be an e-mail address");
        if (services.Options.SecondFactor && Accounts.FindByEmail(email) is { } account &&
            services.Codes.Send(account.Email, action) is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorWriter.WriteAsync(context, new WireError(429, "too-many-requests", "Too many request to generate a verification code."),
                services.Options.ErrorEnvelope);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task CreateAsync(HttpContext context)
    {
        var account = AuthorizeTokenManagement(context);
        var version = context.Version();
        var body = await ReadWireJsonAsync(context);
        var description = OptionalString(body, "description") ?? throw BadRequest("description is required");
        var password = OptionalString(body, "password");
        if (password is { Length: < 6 or > 1024 }) throw BadRequest("password must have 6 to 1024 characters");
        var code = OptionalString(body, "verification_code");
        string? name = null;
        Guid? requestedIdp = null;
        if (version >= NamedTokensVersion)
        {
            name = OptionalString(body, "name");
            if (OptionalString(body, "idp") is { } idpText)
                requestedIdp = Guid.TryParse(idpText, out var parsedIdp) ? parsedIdp : throw BadRequest("idp must be a UUID");
        }

        Reauthenticate(account, password, code);
        if (Store.Tokens().Count >= services.Options.MaxScimTokens) throw TokenLimitReached();
        var idp = BindIdp(version, requestedIdp);

        var id = Guid.NewGuid();
        var secret = ScimTokenRecord.NewSecret();
        var record = new ScimTokenRecord(id, ScimTokenRecord.HashOf(secret), UserRepresentation.Now(), idp, description, name ?? id.ToString());
        if (!Store.TryAddToken(record, services.Options.MaxScimTokens)) throw TokenLimitReached();

        await Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject
        {
            ["token"] = secret,
            ["info"] = InfoJson(record, version),
        });
    }

    private Task ListAsync(HttpContext context)
    {
        AuthorizeTokenManagement(context);
        var version = context.Version();
        var tokens = new JsonArray(Store.Tokens().Select(t => (JsonNode)InfoJson(t, version)).ToArray());
        return Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonObject { ["tokens"] = tokens });
    }

    /// <summary>204 whether or not the id exists.</summary>
    private Task DeleteAsync(HttpContext context)
    {
        AuthorizeTokenManagement(context);
        if (!Guid.TryParse(context.Request.Query["id"].ToString(), out var id)) throw BadRequest("query parameter id must be a UUID");
        Store.DeleteToken(id);
        return Responses.NoContent(context);
    }

    private async Task RenameAsync(HttpContext context, string id)
    {
        if (context.Version() < NamedTokensVersion)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        AuthorizeTokenManagement(context);
        if (!Guid.TryParse(id, out var tokenId)) throw BadRequest("token id must be a UUID");
        var body = await ReadWireJsonAsync(context);
        var name = OptionalString(body, "name") ?? throw BadRequest("name is required");
        if (!Store.RenameToken(tokenId, name)) throw new WireError(404, "not-found", "Could not find SCIM token.");
        await Responses.WriteJsonAsync(context, StatusCodes.Status200OK, new JsonArray());
    }

    /// <summary>nginz's zauth (access token as bearer header or query parameter), then spar's permission check.</summary>
    private Account AuthorizeTokenManagement(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var accessToken = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : context.Request.Query["access_token"].ToString();
        var account = accessToken.Length > 0 ? Accounts.FindByAccessToken(accessToken) : null;
        if (account is null) throw new NginxError(401, "Authorization Required");
        if (!account.MayManageScimTokens)
            throw new WireError(403, "insufficient-permissions", "You need permission CreateReadDeleteScimToken.");
        return account;
    }

    /// <summary>brig's reauthenticate: the password (rate-limited), then the second factor if the team enforces it.</summary>
    private void Reauthenticate(Account account, string? password, string? code)
    {
        if (password is null) throw AccessDenied();
        switch (Accounts.CheckPassword(account, password))
        {
            case Accounts.PasswordCheck.RateLimited:
                throw TooManyRequests();
            case Accounts.PasswordCheck.Wrong:
                throw AccessDenied();
        }
        var legacyCode = services.Options.VerificationCode;
        if (legacyCode is null && !services.Options.SecondFactor) return;
        if (code is null)
            throw new WireError(403, "code-authentication-required", "Reauthentication failed. Verification code required.");
        var valid = legacyCode is not null ? code == legacyCode : services.Codes.Verify(account.Email, "create_scim_token", code);
        if (!valid)
            throw new WireError(403, "code-authentication-failed", "Reauthentication failed with invalid verification code.");
    }

    private Guid? BindIdp(int version, Guid? requestedIdp)
    {
        if (version >= NamedTokensVersion)
        {
            if (requestedIdp is { } idp && !services.IdpIds.Contains(idp)) throw new WireError(404, "not-found", "Could not find IdP.");
            return requestedIdp;
        }
        return services.IdpIds.Count switch
        {
            0 => null,
            1 => services.IdpIds[0],
            _ => throw new WireError(400, "more-than-one-idp",
                "Team can have at most one IdP configured: SCIM tokens can only be created for a team with at most one IdP"),
        };
    }

    private JsonObject InfoJson(ScimTokenRecord token, int version)
    {
        var info = new JsonObject
        {
            ["id"] = token.Id.ToString(),
            ["team"] = Store.TeamId.ToString(),
            ["created_at"] = UserRepresentation.FormatTimestamp(token.CreatedAt),
        };
        if (token.Idp is { } idp) info["idp"] = idp.ToString();
        info["description"] = token.Description;
        if (version >= NamedTokensVersion) info["name"] = token.Name;
        return info;
    }

    private static async Task<JsonObject> ReadWireJsonAsync(HttpContext context)
    {
        try
        {
            return await RequestReader.ReadJsonAsync(context) as JsonObject ?? throw BadRequest("expected a JSON object");
        }
        catch (PlainError e)
        {
            throw BadRequest(e.Message);
        }
    }

    private static string? OptionalString(JsonObject body, string name) => body[name] switch
    {
        null => null,
        var node when node.IsString(out var text) => text,
        _ => throw BadRequest($"{name} must be a string"),
    };

    private static WireError BadRequest(string message) => new(400, "bad-request", message);
    private static WireError InvalidCredentials() => new(403, "invalid-credentials", "Authentication failed");
    private static WireError AccessDenied() => new(403, "access-denied", "This operation requires reauthentication.");
    private static WireError TokenLimitReached() =>
        new(403, "token-limit-reached", "The limit of provisioning tokens per team has been reached");
    private static WireError TooManyRequests() => new(429, "too-many-requests", "Please try again later.");
}

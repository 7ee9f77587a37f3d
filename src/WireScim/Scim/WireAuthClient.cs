using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace WireScim.Scim
{
    /// <summary>
    /// Wire's login and SCIM token API (/scim/auth-tokens), what wire_scim_token.py did: log in with the admin's
    /// e-mail and password, then create, list or delete tokens with that short-lived access token.
    /// </summary>
    /// <remarks>
    /// The token API is versioned: 'name' and 'idp' exist from API version 8. Requests are not retried: a password
    /// check that fails is rate limited by Wire (5 at once, then 1 per minute), so repeating it makes things worse.
    /// </remarks>
    internal sealed class WireAuthClient
    {
        public const int NameAndIdpVersion = 8;
        private readonly IScimTransport _transport;
        private readonly WireUri _uri;

        public WireAuthClient(IScimTransport transport, WireUri uri)
        {
            _transport = transport;
            _uri = uri;
        }

        /// <summary>The API versions the server supports; an older server without /api-version supports 0 only.</summary>
        public async Task<IReadOnlyList<int>> GetApiVersionsAsync(CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(Json(HttpMethod.Get, "api-version", null), cancellationToken).ConfigureAwait(false);
            if (response.Status == 404) return new[] { 0 };
            using var document = Parse(Expect(response, TokenApiStep.Other, 200), "an API version list");
            var versions = new List<int>();
            if (document.RootElement.TryGetProperty("supported", out var supported) && supported.ValueKind == JsonValueKind.Array)
                foreach (var version in supported.EnumerateArray())
                    if (version.ValueKind == JsonValueKind.Number && version.TryGetInt32(out var number)) versions.Add(number);
            return versions.Count == 0 ? new[] { 0 } : versions;
        }

        /// <param name="loginCode">The second-factor code for the action 'login', when the team requires one.</param>
        public async Task<SecureString> LoginAsync(string emailOrHandle, SecureString password, SecureString? loginCode, CancellationToken cancellationToken)
        {
            var body = JsonBody(writer =>
            {
                writer.WriteString(emailOrHandle.Contains("@") ? "email" : "handle", emailOrHandle);
                writer.WriteString("password", SecretText.Reveal(password));
                if (loginCode != null && loginCode.Length > 0) writer.WriteString("verification_code", SecretText.Reveal(loginCode));
            });
            var response = await _transport.SendAsync(Json(HttpMethod.Post, "login?persist=false", body), cancellationToken).ConfigureAwait(false);
            using var document = Parse(Expect(response, TokenApiStep.Login, 200), "a login answer");
            if (!document.RootElement.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String)
                throw BadAnswer(response, "a login answer with an access_token");
            return SecretText.Protect(accessToken.GetString()!);
        }

        /// <param name="tokenCode">The second-factor code for the action 'create_scim_token' (not the login code).</param>
        public async Task<Token> CreateTokenAsync(int version, SecureString accessToken, SecureString password, string description,
            string? name, string? identityProviderId, SecureString? tokenCode, CancellationToken cancellationToken)
        {
            var body = JsonBody(writer =>
            {
                writer.WriteString("description", description);
                writer.WriteString("password", SecretText.Reveal(password));
                if (tokenCode != null && tokenCode.Length > 0) writer.WriteString("verification_code", SecretText.Reveal(tokenCode));
                if (version >= NameAndIdpVersion && !string.IsNullOrEmpty(name)) writer.WriteString("name", name);
                if (version >= NameAndIdpVersion && !string.IsNullOrEmpty(identityProviderId)) writer.WriteString("idp", identityProviderId);
            });
            var response = await _transport.SendAsync(Json(HttpMethod.Post, TokensPath(version), body, accessToken), cancellationToken).ConfigureAwait(false);
            using var document = Parse(Expect(response, TokenApiStep.CreateToken, 200, 201), "a created token");
            var root = document.RootElement;
            if (!root.TryGetProperty("token", out var tokenValue) || tokenValue.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("info", out var info))
                throw BadAnswer(response, "a created token with 'token' and 'info'");
            var token = ReadInfo(info);
            token.Value = SecretText.Protect(tokenValue.GetString()!);
            return token;
        }

        /// <summary>
        /// Asks Wire to e-mail a second-factor code (brig's POST /verification-code/send, no login needed). Wire
        /// answers 200 whether or not it sent one: only an account whose team requires a second factor gets a code.
        /// </summary>
        public async Task SendVerificationCodeAsync(string email, VerificationAction action, CancellationToken cancellationToken)
        {
            var body = JsonBody(writer =>
            {
                writer.WriteString("action", action == VerificationAction.Login ? "login" : "create_scim_token");
                writer.WriteString("email", email);
            });
            var response = await _transport.SendAsync(Json(HttpMethod.Post, "verification-code/send", body), cancellationToken).ConfigureAwait(false);
            Expect(response, TokenApiStep.SendCode, 200, 204);
        }

        public async Task<IReadOnlyList<Token>> ListTokensAsync(int version, SecureString accessToken, CancellationToken cancellationToken)
        {
            var response = await _transport.SendAsync(Json(HttpMethod.Get, TokensPath(version), null, accessToken), cancellationToken).ConfigureAwait(false);
            using var document = Parse(Expect(response, TokenApiStep.Other, 200), "a token list");
            var tokens = new List<Token>();
            if (document.RootElement.TryGetProperty("tokens", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var info in list.EnumerateArray()) tokens.Add(ReadInfo(info));
            return tokens;
        }

        public async Task DeleteTokenAsync(int version, SecureString accessToken, string id, CancellationToken cancellationToken)
        {
            var path = TokensPath(version) + "?id=" + Uri.EscapeDataString(id);
            var response = await _transport.SendAsync(Json(HttpMethod.Delete, path, null, accessToken), cancellationToken).ConfigureAwait(false);
            Expect(response, TokenApiStep.Other, 204, 200);
        }

        private static string TokensPath(int version) => version > 0 ? $"v{version}/scim/auth-tokens" : "scim/auth-tokens";

        private Token ReadInfo(JsonElement info) => new Token
        {
            Id = Text(info, "id"),
            Name = Text(info, "name"),
            Description = Text(info, "description"),
            TeamId = Text(info, "team"),
            IdentityProviderId = Text(info, "idp"),
            Created = DateTime.TryParse(Text(info, "created_at"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var created) ? created : (DateTime?)null,
            Uri = _uri.Host.ToString().TrimEnd('/'),
        };

        private static string? Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? UserJson.StringOf(value) : null;

        private ScimRequest Json(HttpMethod method, string relative, byte[]? body, SecureString? bearer = null) =>
            new ScimRequest(method, new Uri(_uri.Host, relative), body, bearer) { ContentType = "application/json" };

        private static byte[] JsonBody(Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                write(writer);
                writer.WriteEndObject();
            }
            return buffer.ToArray();
        }

        private static ScimResponse Expect(ScimResponse response, TokenApiStep step, params int[] statuses)
        {
            if (Array.IndexOf(statuses, response.Status) >= 0) return response;
            throw TokenApiErrors.Explain(ScimErrorReader.Read(response), step);
        }

        private static JsonDocument Parse(ScimResponse response, string expected)
        {
            try
            {
                return JsonDocument.Parse(response.Body);
            }
            catch (JsonException error)
            {
                throw new WireScimException(WireScimErrorKind.BadResponse, ErrorIds.BadResponse,
                    $"Wire answered {response.Status} but not with {expected}: received \"{SafeText.Excerpt(response.Body)}\"{response.RequestSuffix}.", error)
                { StatusCode = response.Status };
            }
        }

        private static WireScimException BadAnswer(ScimResponse response, string expected) =>
            new WireScimException(WireScimErrorKind.BadResponse, ErrorIds.BadResponse,
                $"Wire answered {response.Status} but not with {expected}{response.RequestSuffix}.") { StatusCode = response.Status };
    }

    /// <summary>Which call of the login and token API failed: the same Wire label needs other advice at each.</summary>
    internal enum TokenApiStep
    {
        Other,
        Login,
        CreateToken,
        SendCode,
    }

    /// <summary>Adds what to do to each error the login and token API can give.</summary>
    internal static class TokenApiErrors
    {
        private const string CodeLimits = "Codes are valid for 10 minutes and a code is used up by 3 wrong tries; Wire e-mails at most one code per account and action every 5 minutes, so use the latest e-mail before asking again.";

        public static WireScimException Explain(WireScimException error, TokenApiStep step)
        {
            string? advice = (error.Label, step) switch
            {
                ("code-authentication-required", TokenApiStep.Login) =>
                    "This team requires a second factor: logging in needs a login code. Request it with Send-WireScimVerificationCode -Action Login -Email <the account's e-mail> and pass it with -LoginVerificationCode (at an interactive prompt the cmdlet asks for it).",
                ("code-authentication-failed", TokenApiStep.Login) =>
                    "The login code (-LoginVerificationCode) is wrong, has expired or is used up; a token-creation code does not work for logging in. Request a new one with Send-WireScimVerificationCode -Action Login. " + CodeLimits,
                ("code-authentication-required", _) =>
                    "This team requires a second factor: creating a SCIM token needs a token-creation code, a different code from the login code. Request it with Send-WireScimVerificationCode -Action CreateScimToken -Email <the account's e-mail> and pass it with -VerificationCode (at an interactive prompt the cmdlet asks for it).",
                ("code-authentication-failed", _) =>
                    "The token-creation code (-VerificationCode) is wrong, has expired or is used up; a login code does not work for creating tokens. Request a new one with Send-WireScimVerificationCode -Action CreateScimToken. " + CodeLimits,
                (_, TokenApiStep.SendCode) when error.StatusCode == 429 =>
                    "Wire did not send a new code: it e-mails at most one code per account and action every 5 minutes. The code it sent before stays valid for 10 minutes: use that one.",
                ("invalid-credentials", _) => "Login failed: check the admin's e-mail address and password.",
                ("access-denied", _) => "Wire did not accept the password for this token request. Check the password; accounts that sign in only through SSO cannot create tokens this way.",
                ("token-limit-reached", _) => "The team already has the maximum number of SCIM tokens. List them with Get-WireScimToken and revoke one that is no longer used with Remove-WireScimToken.",
                ("insufficient-permissions", _) => "Only team owners and admins can manage SCIM tokens: log in with an owner or admin account.",
                ("no-team-member", _) => "The account is not a member of a Wire team: log in with a team owner or admin.",
                ("more-than-one-idp", _) => "The team has more than one SAML identity provider: pass -IdentityProviderId to choose one (needs a Wire server with API version 8 or later).",
                ("not-found", _) => "The identity provider was not found: check -IdentityProviderId.",
                ("too-many-requests", _) => "Wire limits password checks (a few at once, then one per minute per account). Wait a minute and try again.",
                _ => error.StatusCode switch
                {
                    401 => "Wire did not accept the login session. Log in again.",
                    429 => "Wire limits password checks (a few at once, then one per minute per account). Wait a minute and try again.",
                    _ => null,
                },
            };
            if (advice == null) return error;
            var wait = error.RetryAfter is TimeSpan retry ? $" Wire asks to wait {Math.Ceiling(retry.TotalSeconds)} s." : string.Empty;
            return error.WithMessage($"{error.Message} {advice}{wait}");
        }
    }
}

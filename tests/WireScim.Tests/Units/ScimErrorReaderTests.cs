using System;
using System.Linq;
using System.Text.Json;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    public class ScimErrorReaderTests
    {
        private const string ScimJson = "application/scim+json;charset=utf-8";
        // 32 random bytes in base64, the shape of a Wire SCIM token (contains '+' and '/').
        private const string Token = "q3Zs+0Yh/Lr7mW2pXc9eKd4uTb1oNf6gHj8iRk5lMvA=";

        private static WireScimException Read(int status, string body, string? contentType = ScimJson, TimeSpan? retryAfter = null) =>
            ScimErrorReader.Read(new ScimResponse(status, contentType, body, retryAfter));

        private static string Envelope(int status, string scimError) =>
            "{\"code\":" + status + ",\"label\":\"scim-error\",\"message\":" + JsonSerializer.Serialize(scimError) + "}";

        private static void AssertNoSecret(WireScimException error, string secret)
        {
            Assert.DoesNotContain(secret, error.Message);
            Assert.DoesNotContain(secret, error.ResponseExcerpt ?? string.Empty);
            Assert.DoesNotContain(secret, error.Detail ?? string.Empty);
        }

        [Fact]
        public void The_request_is_named_and_an_unshaped_404_points_at_the_address()
        {
            var request = new ScimRequest(System.Net.Http.HttpMethod.Get, new Uri("https://wire.example.com/scim/v2/Users/scim/v2/Users?filter=userName%20eq%20%22x%22"));
            var error = ScimErrorReader.Read(new ScimResponse(404, null, string.Empty, null) { Request = request });
            Assert.Contains("(request: GET https://wire.example.com/scim/v2/Users/scim/v2/Users)", error.Message);
            Assert.DoesNotContain("filter", error.Message);
            Assert.Contains("Connect-WireScim -Uri", error.Message);
        }

        [Fact]
        public void A_scim_shaped_error_names_the_request_without_the_address_advice()
        {
            var request = new ScimRequest(System.Net.Http.HttpMethod.Post, new Uri("https://wire.example.com/scim/v2/Users"));
            var body = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"409\",\"scimType\":\"uniqueness\",\"detail\":\"externalId is already taken\"}";
            var error = ScimErrorReader.Read(new ScimResponse(409, ScimJson, body, null) { Request = request });
            Assert.EndsWith("(request: POST https://wire.example.com/scim/v2/Users)", error.Message);
            Assert.DoesNotContain("Connect-WireScim", error.Message);
        }

        [Fact]
        public void Token_constant_has_the_wire_token_shape()
        {
            Assert.Equal(44, Token.Length);
            Assert.Equal(32, Convert.FromBase64String(Token).Length);
        }

        [Fact]
        public void Plain_scim_error_with_status_as_string()
        {
            var error = Read(409, TestUsers.ScimError(409, "uniqueness", "userName is already taken"));
            Assert.Equal(WireScimErrorKind.Conflict, error.Kind);
            Assert.Equal("WireScim.UserNameTaken", error.ErrorId);
            Assert.Equal(409, error.StatusCode);
            Assert.Equal("uniqueness", error.ScimType);
            Assert.Equal("userName is already taken", error.Detail);
            Assert.Null(error.ResponseExcerpt);
            Assert.Contains("409", error.Message);
            Assert.Contains("userName is already taken", error.Message);
        }

        [Fact]
        public void Wire_envelope_is_unwrapped()
        {
            var error = Read(409, Envelope(409, TestUsers.ScimError(409, "uniqueness", "userName is already taken")), "application/json");
            Assert.Equal(WireScimErrorKind.Conflict, error.Kind);
            Assert.Equal("WireScim.UserNameTaken", error.ErrorId);
            Assert.Equal("uniqueness", error.ScimType);
            Assert.Equal("userName is already taken", error.Detail);
            Assert.Equal("scim-error", error.Label);
            Assert.Null(error.ResponseExcerpt);
            Assert.DoesNotContain("schemas", error.Message);
            Assert.DoesNotContain("\\\"", error.Message);
        }

        [Fact]
        public void Wire_envelope_400_invalid_value()
        {
            var error = Read(400, Envelope(400, TestUsers.ScimError(400, "invalidValue", "Name: outside range [1, 128] (post)")), "application/json");
            Assert.Equal(WireScimErrorKind.InvalidRequest, error.Kind);
            Assert.Equal("WireScim.InvalidValue", error.ErrorId);
            Assert.Equal("Name: outside range [1, 128] (post)", error.Detail);
        }

        [Theory]
        [InlineData("userName is already taken", "WireScim.UserNameTaken")]
        [InlineData("userName already in use by another wire user", "WireScim.UserNameTaken")]
        [InlineData("externalId is already taken", "WireScim.ExternalIdTaken")]
        [InlineData("externalId already in use by another Wire user", "WireScim.ExternalIdTaken")]
        [InlineData("ExternalId is already taken: user with status Active exists: (ValidScimId {validScimIdExternal = \"a\"}, 7f1c)", "WireScim.ExternalIdTaken")]
        [InlineData("{\"code\":409,\"label\":\"email-exists\",\"message\":\"The given e-mail address is in use.\"}", "WireScim.Conflict")]
        public void Conflict_error_ids(string detail, string errorId)
        {
            var plain = Read(409, TestUsers.ScimError(409, "uniqueness", detail));
            Assert.Equal(WireScimErrorKind.Conflict, plain.Kind);
            Assert.Equal(errorId, plain.ErrorId);
            var wrapped = Read(409, Envelope(409, TestUsers.ScimError(409, "uniqueness", detail)), "application/json");
            Assert.Equal(errorId, wrapped.ErrorId);
        }

        [Theory]
        [InlineData(403, "token-limit-reached", "The limit of provisioning tokens per team has been reached", WireScimErrorKind.Forbidden, "WireScim.TokenLimitReached")]
        [InlineData(403, "access-denied", "This operation requires reauthentication.", WireScimErrorKind.Forbidden, "WireScim.AccessDenied")]
        [InlineData(403, "insufficient-permissions", "You need permission CreateReadDeleteScimToken.", WireScimErrorKind.Forbidden, "WireScim.InsufficientPermissions")]
        [InlineData(403, "code-authentication-required", "Reauthentication failed. Verification code required.", WireScimErrorKind.Forbidden, "WireScim.CodeAuthenticationRequired")]
        [InlineData(403, "no-team-member", "Requesting user is not a team member or not a member of this team.", WireScimErrorKind.Forbidden, "WireScim.NoTeamMember")]
        [InlineData(400, "more-than-one-idp", "Team can have at most one IdP configured", WireScimErrorKind.InvalidRequest, "WireScim.MoreThanOneIdp")]
        [InlineData(404, "not-found", "Could not find IdP.", WireScimErrorKind.NotFound, "WireScim.IdentityProviderNotFound")]
        [InlineData(429, "too-many-requests", "Please try again later.", WireScimErrorKind.Throttled, "WireScim.TooManyRequests")]
        public void Token_api_wire_errors(int status, string label, string message, WireScimErrorKind kind, string errorId)
        {
            var error = Read(status, "{\"code\":" + status + ",\"label\":\"" + label + "\",\"message\":\"" + message + "\"}", "application/json");
            Assert.Equal(kind, error.Kind);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(label, error.Label);
            Assert.Equal(message, error.Detail);
            Assert.Contains(message, error.Message);
            Assert.Contains(label, error.Message);
            Assert.Null(error.ResponseExcerpt);
        }

        [Theory]
        [InlineData("authorization failed: Invalid SCIM token")]
        [InlineData("authorization failed: Token not provided")]
        public void Status_401_is_token_rejected(string detail)
        {
            var error = Read(401, TestUsers.ScimError(401, null, detail));
            Assert.Equal(WireScimErrorKind.TokenRejected, error.Kind);
            Assert.Equal("WireScim.TokenRejected", error.ErrorId);
            Assert.Equal(detail, error.Detail);
        }

        [Fact]
        public void Status_401_from_nginx_html_is_token_rejected()
        {
            var error = Read(401, "<html><head><title>401 Authorization Required</title></head><body><center><h1>401 Authorization Required</h1></center><hr><center>nginx</center></body></html>", "text/html");
            Assert.Equal(WireScimErrorKind.TokenRejected, error.Kind);
            Assert.Equal("WireScim.TokenRejected", error.ErrorId);
        }

        [Fact]
        public void Status_413_rich_info_too_large()
        {
            var detail = "[\"urn:ietf:params:scim:schemas:extension:wire:1.0:User\",\"urn:wire:scim:schemas:profile:1.0\"] together exceed the size limit: max 5000 characters, but got 5001 (post)";
            var error = Read(413, TestUsers.ScimError(413, "invalidValue", detail));
            Assert.Equal(WireScimErrorKind.PayloadTooLarge, error.Kind);
            Assert.Equal("WireScim.RequestTooLarge", error.ErrorId);
            Assert.Equal(413, error.StatusCode);
            Assert.Contains("5001", error.Message);
        }

        [Theory]
        [InlineData(420)]
        [InlineData(429)]
        public void Throttling_carries_retry_after(int status)
        {
            var error = Read(status, "<html><body>Enhance your calm</body></html>", "text/html", TimeSpan.FromSeconds(7));
            Assert.Equal(WireScimErrorKind.Throttled, error.Kind);
            Assert.Equal("WireScim.Throttled", error.ErrorId);
            Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
            Assert.True(error.IsTransient);
            Assert.Contains(status.ToString(), error.Message);
        }

        [Fact]
        public void Throttling_without_retry_after_has_none()
        {
            Assert.Null(Read(420, string.Empty, null).RetryAfter);
        }

        [Theory]
        [InlineData("tooMany", "WireScim.FilterRequired")]
        [InlineData("invalidFilter", "WireScim.InvalidFilter")]
        [InlineData("mutability", "WireScim.Mutability")]
        [InlineData("invalidPath", "WireScim.InvalidPath")]
        [InlineData(null, "WireScim.BadRequest")]
        public void Status_400_scim_types(string? scimType, string errorId)
        {
            var error = Read(400, TestUsers.ScimError(400, scimType, "something"));
            Assert.Equal(WireScimErrorKind.InvalidRequest, error.Kind);
            Assert.Equal(errorId, error.ErrorId);
        }

        [Fact]
        public void Plain_text_400_from_servant_is_excerpted()
        {
            var error = Read(400, "Error parsing query parameter filter failed: unexpected 'a'", "text/plain;charset=utf-8");
            Assert.Equal(WireScimErrorKind.InvalidRequest, error.Kind);
            Assert.Equal("WireScim.BadRequest", error.ErrorId);
            Assert.Contains("Error parsing query parameter filter", error.ResponseExcerpt);
            Assert.Contains("Error parsing query parameter filter", error.Message);
        }

        [Fact]
        public void Html_body_gives_status_and_short_tag_free_excerpt()
        {
            var html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
            var error = Read(502, html, "text/html");
            Assert.Equal(WireScimErrorKind.ServerError, error.Kind);
            Assert.Equal("WireScim.ServerError", error.ErrorId);
            Assert.Contains("502", error.Message);
            Assert.Contains("Bad Gateway", error.Message);
            Assert.Contains("nginx", error.Message);
            Assert.Contains("text/html", error.Message);
            Assert.DoesNotContain("<", error.Message);
            Assert.DoesNotContain(">", error.Message);
            Assert.DoesNotContain("\n", error.Message);
            Assert.NotNull(error.ResponseExcerpt);
            Assert.DoesNotContain("<", error.ResponseExcerpt);
            Assert.Contains("nginx", error.ResponseExcerpt);
            Assert.True(error.IsTransient);
        }

        [Fact]
        public void Empty_body_is_named()
        {
            var error = Read(500, string.Empty, null);
            Assert.Equal(WireScimErrorKind.ServerError, error.Kind);
            Assert.Contains("500", error.Message);
            Assert.Contains("empty body", error.Message);
            Assert.Equal(string.Empty, error.ResponseExcerpt);
        }

        [Fact]
        public void Whitespace_only_body_counts_as_empty()
        {
            Assert.Contains("empty body", Read(503, "  \r\n ", "text/plain").Message);
        }

        [Fact]
        public void Huge_body_excerpt_is_bounded()
        {
            var body = string.Concat(Enumerable.Repeat("<p>Something went terribly wrong. </p>", 5000));
            var error = Read(500, body, "text/html");
            Assert.NotNull(error.ResponseExcerpt);
            Assert.True(error.ResponseExcerpt!.Length <= 210, $"excerpt has {error.ResponseExcerpt.Length} characters");
            Assert.True(error.Message.Length < 400, $"message has {error.Message.Length} characters");
            Assert.Contains("Something went terribly wrong", error.Message);
        }

        [Fact]
        public void Huge_detail_is_bounded()
        {
            var error = Read(400, TestUsers.ScimError(400, "invalidValue", new string('d', 100000)));
            Assert.True(error.Message.Length < 700, $"message has {error.Message.Length} characters");
            Assert.True(error.Detail!.Length <= 2003);
        }

        [Fact]
        public void Invalid_json_falls_back_to_excerpt()
        {
            var error = Read(500, "{\"code\":500, oops", "application/json");
            Assert.NotNull(error.ResponseExcerpt);
            Assert.Contains("oops", error.ResponseExcerpt);
        }

        [Fact]
        public void Json_without_error_shape_falls_back_to_excerpt()
        {
            var error = Read(500, "{\"unexpected\":true}", "application/json");
            Assert.Null(error.Detail);
            Assert.Contains("unexpected", error.ResponseExcerpt);
        }

        [Fact]
        public void Token_in_plain_body_never_shown()
        {
            var error = Read(500, "upstream said: token " + Token + " was bad", "text/plain");
            AssertNoSecret(error, Token);
            Assert.Contains("upstream said", error.Message);
        }

        [Fact]
        public void Token_in_scim_detail_never_shown()
        {
            var error = Read(401, TestUsers.ScimError(401, null, "authorization failed: Invalid SCIM token " + Token));
            AssertNoSecret(error, Token);
        }

        [Fact]
        public void Token_in_envelope_never_shown()
        {
            var error = Read(400, Envelope(400, TestUsers.ScimError(400, "invalidValue", "bad token " + Token)), "application/json");
            AssertNoSecret(error, Token);
        }

        [Fact]
        public void Token_in_wire_error_message_never_shown()
        {
            var error = Read(403, "{\"code\":403,\"label\":\"access-denied\",\"message\":\"denied for " + Token + "\"}", "application/json");
            AssertNoSecret(error, Token);
        }

        [Fact]
        public void Token_in_html_never_shown()
        {
            var error = Read(502, "<html><body><pre>Authorization: " + Token + "</pre></body></html>", "text/html");
            AssertNoSecret(error, Token);
        }

        [Theory]
        [InlineData("Authorization: Bearer xyz-secret-123")]
        [InlineData("authorization: bearer   xyz-secret-123 rest")]
        [InlineData("<td>Bearer xyz-secret-123</td>")]
        public void Bearer_values_never_shown(string body)
        {
            var error = Read(500, body, "text/html");
            AssertNoSecret(error, "xyz-secret-123");
            Assert.Contains("***", error.Message);
        }

        [Fact]
        public void Bearer_value_in_detail_never_shown()
        {
            var error = Read(400, TestUsers.ScimError(400, null, "header was Bearer xyz-secret-123"));
            AssertNoSecret(error, "xyz-secret-123");
        }

        [Fact]
        public void Token_after_long_whitespace_is_not_partly_shown()
        {
            // Whitespace is folded after the raw text is cut, so the cut can land inside a token that then ends up
            // in the excerpt, too short to be recognised as one. No 12-character piece of it may appear.
            var error = Read(502, new string(' ', 370) + Token + " trailing text", "text/html");
            var shown = (error.ResponseExcerpt ?? string.Empty) + "\n" + error.Message;
            for (int start = 0; start + 12 <= Token.Length; start++)
                Assert.DoesNotContain(Token.Substring(start, 12), shown);
        }

        [Fact]
        public void Uuids_are_not_masked()
        {
            var error = Read(404, TestUsers.ScimError(404, null, "User " + TestUsers.AliceId + " not found"));
            Assert.Equal(WireScimErrorKind.NotFound, error.Kind);
            Assert.Equal("WireScim.NotFound", error.ErrorId);
            Assert.Contains(TestUsers.AliceId, error.Message);
            Assert.Contains(TestUsers.AliceId, error.Detail);
        }

        [Fact]
        public void Uuid_in_html_excerpt_not_masked()
        {
            var error = Read(500, "<p>request " + TestUsers.AliceId + " failed</p>", "text/html");
            Assert.Contains(TestUsers.AliceId, error.ResponseExcerpt);
        }

        [Fact]
        public void Control_characters_never_reach_the_message()
        {
            var error = Read(400, TestUsers.ScimError(400, "invalidValue", "line1\nline2\u0007\u0000end"));
            Assert.DoesNotContain(error.Message, c => char.IsControl(c));
            Assert.DoesNotContain(error.Detail!, c => char.IsControl(c));
        }

        [Fact]
        public void Server_errors_are_transient_client_errors_are_not()
        {
            Assert.True(Read(503, string.Empty, null).IsTransient);
            Assert.True(Read(504, string.Empty, null).IsTransient);
            Assert.False(Read(400, TestUsers.ScimError(400, "invalidValue", "x")).IsTransient);
            Assert.False(Read(409, TestUsers.ScimError(409, "uniqueness", "userName is already taken")).IsTransient);
        }

        private static string WireError(int code, string label, string message) =>
            "{\"code\":" + code + ",\"label\":" + JsonSerializer.Serialize(label) + ",\"message\":" + JsonSerializer.Serialize(message) + "}";

        [Theory]
        [InlineData(409, "email-exists", "The given e-mail address is in use.", WireScimErrorKind.Conflict, "WireScim.EmailExists")]
        [InlineData(502, "bad-upstream", "Could not parse brig response body: internal error: (400,\"<empty body>\")", WireScimErrorKind.ServerError, "WireScim.BadUpstream")]
        [InlineData(500, "user-group-invalid", "Only team members of the same team can be added to a user group.", WireScimErrorKind.ServerError, "WireScim.UserGroupInvalid")]
        [InlineData(403, "blacklisted-email", "The given e-mail address has been blacklisted due to a permanent bounce or a complaint.", WireScimErrorKind.Forbidden, "WireScim.BlacklistedEmail")]
        [InlineData(451, "domain-blocked-for-registration", "This domain is blocked for registration.", WireScimErrorKind.InvalidRequest, "WireScim.DomainBlockedForRegistration")]
        public void Wire_error_nested_in_scim_detail_gives_label_and_error_id(int status, string label, string message, WireScimErrorKind kind, string errorId)
        {
            var scimError = TestUsers.ScimError(status, null, WireError(status, label, message));
            foreach (var body in new[] { scimError, Envelope(status, scimError) })
            {
                var error = Read(status, body);
                Assert.Equal(label, error.Label);
                Assert.Equal(errorId, error.ErrorId);
                Assert.Equal(kind, error.Kind);
                Assert.Equal(message, error.Detail);
                Assert.Null(error.ScimType);
                Assert.Contains("(" + label + ")", error.Message);
                Assert.Contains(message, error.Message);
                Assert.DoesNotContain("\\\"", error.Message);
            }
        }

        [Fact]
        public void A_nested_label_without_an_id_of_its_own_keeps_the_id_of_its_status_and_is_sanitised()
        {
            foreach (var hostile in new[] { new string('x', 500) + "\u0000<script>", string.Concat(Enumerable.Repeat("ab-", 300)), "\u0000\u0001" })
            {
                var error = Read(400, TestUsers.ScimError(400, null, WireError(400, hostile, "m")));
                Assert.Equal(ErrorIds.BadRequest, error.ErrorId);
                Assert.True(error.Label!.Length <= 63);
                Assert.DoesNotContain(error.Label!, c => char.IsControl(c));
            }

            // Ids are never made from server text: an unknown label is the status's id, the label stays readable on Label.
            var odd = Read(409, TestUsers.ScimError(409, null, WireError(409, "e-mail exists!\n", "m")));
            Assert.Equal(ErrorIds.Conflict, odd.ErrorId);
            Assert.StartsWith("e-mail exists!", odd.Label);
        }

        [Fact]
        public void Detail_that_is_json_but_not_a_wire_error_stays_as_it_is()
        {
            var error = Read(400, TestUsers.ScimError(400, null, "{\"note\":\"no label here\"}"));
            Assert.Equal("WireScim.BadRequest", error.ErrorId);
            Assert.Null(error.Label);
            Assert.Equal("{\"note\":\"no label here\"}", error.Detail);
        }

        [Fact]
        public void A_refused_upstream_is_not_transient_other_5xx_are()
        {
            var blocked = Read(502, TestUsers.ScimError(502, null, WireError(502, "bad-upstream", "Could not parse brig response body: internal error: (400,\"<empty body>\")")));
            Assert.False(blocked.IsTransient);
            var group = Read(500, TestUsers.ScimError(500, null, WireError(400, "user-group-invalid", "Only team members of the same team can be added to a user group.")));
            Assert.False(group.IsTransient);
            var unreachable = Read(502, TestUsers.ScimError(502, null, WireError(502, "bad-upstream", "Could not parse brig response body: internal error: (503,\"busy\")")));
            Assert.True(unreachable.IsTransient);
            Assert.True(Read(500, TestUsers.ScimError(500, null, WireError(500, "server-error", "Internal error: boom"))).IsTransient);
        }

        [Fact]
        public void Sanitise_folds_whitespace_and_bounds_length()
        {
            Assert.Equal("a b c", SafeText.Sanitise("  a \r\n\t b    c  ", 100));
            Assert.Equal("abcde...", SafeText.Sanitise("abcdefghij", 5));
        }
    }
}

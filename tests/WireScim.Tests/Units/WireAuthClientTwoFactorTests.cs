using System;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;
using Xunit;

namespace WireScim.Tests.Units
{
    /// <summary>
    /// Two-factor codes on the wire: each call carries its own code, codes are requested per action, and each
    /// code label gets advice naming the code that is wrong or missing.
    /// </summary>
    public class WireAuthClientTwoFactorTests
    {
        private static readonly WireUri Address = WireUri.Parse("https://wire.example.com");

        private static string WireError(int code, string label, string message) =>
            JsonSerializer.Serialize(new { code, label, message });

        private static JsonElement Body(ScimRequest request) => JsonDocument.Parse(Encoding.UTF8.GetString(request.Body!)).RootElement;

        [Fact]
        public async Task Login_sends_the_login_code_and_token_creation_the_token_code()
        {
            var transport = new ScriptedTransport()
                .ThenRespond(200, "{\"access_token\":\"acc-ess\",\"token_type\":\"Bearer\",\"expires_in\":900}", contentType: "application/json")
                .ThenRespond(200, "{\"token\":\"t0k3n\",\"info\":{\"id\":\"5f2d\",\"team\":\"t\",\"created_at\":\"2026-01-01T00:00:00Z\",\"description\":\"d\"}}", contentType: "application/json");
            var client = new WireAuthClient(transport, Address);

            var access = await client.LoginAsync("admin@example.com", SecretText.Protect("pw123456"), SecretText.Protect("111111"), CancellationToken.None);
            await client.CreateTokenAsync(8, access, SecretText.Protect("pw123456"), "d", null, null, SecretText.Protect("222222"), CancellationToken.None);

            Assert.Equal("111111", Body(transport.Requests[0]).GetProperty("verification_code").GetString());
            Assert.Equal("222222", Body(transport.Requests[1]).GetProperty("verification_code").GetString());
        }

        [Fact]
        public async Task Without_codes_no_verification_code_is_sent()
        {
            var transport = new ScriptedTransport()
                .ThenRespond(200, "{\"access_token\":\"acc-ess\"}", contentType: "application/json");
            await new WireAuthClient(transport, Address).LoginAsync("admin", SecretText.Protect("pw123456"), null, CancellationToken.None);
            var body = Body(transport.Requests[0]);
            Assert.False(body.TryGetProperty("verification_code", out _));
            Assert.Equal("admin", body.GetProperty("handle").GetString());
        }

        [Theory]
        [InlineData(VerificationAction.Login, "login")]
        [InlineData(VerificationAction.CreateScimToken, "create_scim_token")]
        public async Task A_code_is_requested_per_action_without_login(VerificationAction action, string wireAction)
        {
            var transport = new ScriptedTransport().ThenRespond(200, string.Empty, contentType: "application/json");
            await new WireAuthClient(transport, Address).SendVerificationCodeAsync("admin@example.com", action, CancellationToken.None);
            var request = Assert.Single(transport.Requests);
            Assert.Equal("POST", request.Method.Method);
            Assert.Equal("/verification-code/send", request.Path);
            Assert.Null(request.Bearer);
            Assert.Equal(wireAction, Body(request).GetProperty("action").GetString());
            Assert.Equal("admin@example.com", Body(request).GetProperty("email").GetString());
        }

        [Fact]
        public async Task A_repeated_code_request_within_the_delay_explains_the_limit_and_the_wait()
        {
            var transport = new ScriptedTransport()
                .ThenRespond(429, WireError(429, "too-many-requests", "Too many request to generate a verification code."), TimeSpan.FromSeconds(287), "application/json");
            var error = await Assert.ThrowsAsync<WireScimException>(() =>
                new WireAuthClient(transport, Address).SendVerificationCodeAsync("admin@example.com", VerificationAction.Login, CancellationToken.None));
            Assert.Equal("WireScim.TooManyRequests", error.ErrorId);
            Assert.Contains("5 minutes", error.Message);
            Assert.Contains("valid for 10 minutes", error.Message);
            Assert.Contains("287 s", error.Message);
        }

        [Theory]
        [InlineData("code-authentication-required", "Code authentication is required", "-LoginVerificationCode", "-Action Login")]
        [InlineData("code-authentication-failed", "Code authentication failed", "-LoginVerificationCode", "-Action Login")]
        public async Task Login_code_labels_name_the_login_code(string label, string message, string parameter, string request)
        {
            var transport = new ScriptedTransport().ThenRespond(403, WireError(403, label, message), contentType: "application/json");
            var error = await Assert.ThrowsAsync<WireScimException>(() =>
                new WireAuthClient(transport, Address).LoginAsync("admin@example.com", SecretText.Protect("pw123456"), null, CancellationToken.None));
            Assert.Contains(parameter, error.Message);
            Assert.Contains(request, error.Message);
            Assert.Contains("login code", error.Message);
            Assert.DoesNotContain("-VerificationCode", error.Message.Replace("-LoginVerificationCode", string.Empty));
        }

        [Theory]
        [InlineData("code-authentication-required", "Reauthentication failed. Verification code required.")]
        [InlineData("code-authentication-failed", "Reauthentication failed with invalid verification code.")]
        public async Task Token_code_labels_name_the_token_creation_code(string label, string message)
        {
            var transport = new ScriptedTransport().ThenRespond(403, WireError(403, label, message), contentType: "application/json");
            var error = await Assert.ThrowsAsync<WireScimException>(() =>
                new WireAuthClient(transport, Address).CreateTokenAsync(8, SecretText.Protect("acc"), SecretText.Protect("pw123456"), "d", null, null, null, CancellationToken.None));
            Assert.Contains("-VerificationCode", error.Message);
            Assert.Contains("-Action CreateScimToken", error.Message);
            Assert.Contains("token-creation code", error.Message);
            Assert.DoesNotContain("-LoginVerificationCode", error.Message);
        }
    }
}

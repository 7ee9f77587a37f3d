using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>Two-factor teams: one e-mailed code per action (docs/wire-behaviour.md#two-factor-authentication-two-codes).</summary>
public sealed class SecondFactorTests
{
    private const string Admin = "admin@example.com";

    private static Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null) => TestEmulator.StartAsync(o =>
    {
        o.SecondFactor = true;
        configure?.Invoke(o);
    });

    private static Task<Reply> SendCodeAsync(TestEmulator emulator, string action, string email = Admin) =>
        emulator.SendAsync(HttpMethod.Post, "verification-code/send", new JsonObject { ["action"] = action, ["email"] = email }.ToJsonString(),
            token: null, contentType: "application/json");

    /// <summary>Requests a code and reads the "e-mail" from the emulator's mailbox.</summary>
    private static async Task<string> MailedCodeAsync(TestEmulator emulator, string action, string email = Admin)
    {
        var sent = await SendCodeAsync(emulator, action, email);
        Assert.True(sent.Status == 200, sent.ToString());
        var mailbox = await emulator.SendAsync(HttpMethod.Get, "_emulator/verification-codes?email=" + Uri.EscapeDataString(email), token: null);
        return (string)mailbox.Json.AsArray().Last(c => (string?)c!["action"] == action)!["code"]!;
    }

    private static Task<Reply> LoginAsync(TestEmulator emulator, string? code) =>
        emulator.SendAsync(HttpMethod.Post, "login",
            new JsonObject { ["email"] = Admin, ["password"] = TestEmulator.AdminPassword, ["verification_code"] = code }.ToJsonString(),
            token: null, contentType: "application/json");

    private static Task<Reply> CreateTokenAsync(TestEmulator emulator, string access, string? code) =>
        emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access,
            new JsonObject { ["description"] = "2fa", ["password"] = TestEmulator.AdminPassword, ["verification_code"] = code });

    [Fact]
    public async Task Login_and_token_creation_each_need_the_code_of_their_own_action()
    {
        await using var emulator = await StartAsync();
        ScimAssert.WireError(await LoginAsync(emulator, null), 403, "code-authentication-required", "Code authentication is required");

        var loginCode = await MailedCodeAsync(emulator, "login");
        Assert.Matches("^[0-9]{6}$", loginCode);
        var login = await LoginAsync(emulator, loginCode);
        Assert.Equal(200, login.Status);
        var access = (string)login.Object["access_token"]!;

        ScimAssert.WireError(await CreateTokenAsync(emulator, access, null), 403, "code-authentication-required",
            "Reauthentication failed. Verification code required.");
        ScimAssert.WireError(await CreateTokenAsync(emulator, access, loginCode), 403, "code-authentication-failed",
            "Reauthentication failed with invalid verification code.");

        var tokenCode = await MailedCodeAsync(emulator, "create_scim_token");
        Assert.Equal(200, (await CreateTokenAsync(emulator, access, tokenCode)).Status);
    }

    [Fact]
    public async Task A_token_code_does_not_log_in()
    {
        await using var emulator = await StartAsync();
        var tokenCode = await MailedCodeAsync(emulator, "create_scim_token");
        ScimAssert.WireError(await LoginAsync(emulator, tokenCode), 403, "code-authentication-failed", "Code authentication failed");
    }

    [Fact]
    public async Task A_wrong_password_is_reported_before_the_code()
    {
        await using var emulator = await StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "login", """{"email":"admin@example.com","password":"wrong"}""",
            token: null, contentType: "application/json");
        ScimAssert.WireError(reply, 403, "invalid-credentials", "Authentication failed");
    }

    [Fact]
    public async Task Codes_are_not_single_use()
    {
        await using var emulator = await StartAsync();
        var loginCode = await MailedCodeAsync(emulator, "login");
        var access = (string)(await LoginAsync(emulator, loginCode)).Object["access_token"]!;
        Assert.Equal(200, (await LoginAsync(emulator, loginCode)).Status);

        var tokenCode = await MailedCodeAsync(emulator, "create_scim_token");
        Assert.Equal(200, (await CreateTokenAsync(emulator, access, tokenCode)).Status);
        Assert.Equal(200, (await CreateTokenAsync(emulator, access, tokenCode)).Status);
    }

    [Fact]
    public async Task Three_wrong_tries_kill_the_code()
    {
        await using var emulator = await StartAsync();
        var loginCode = await MailedCodeAsync(emulator, "login");
        var wrong = loginCode == "000000" ? "111111" : "000000";
        for (var i = 0; i < 3; i++)
            ScimAssert.WireError(await LoginAsync(emulator, wrong), 403, "code-authentication-failed");

        ScimAssert.WireError(await LoginAsync(emulator, loginCode), 403, "code-authentication-failed", "Code authentication failed");
    }

    [Fact]
    public async Task Two_wrong_tries_leave_the_code_usable()
    {
        await using var emulator = await StartAsync();
        var loginCode = await MailedCodeAsync(emulator, "login");
        var wrong = loginCode == "000000" ? "111111" : "000000";
        for (var i = 0; i < 2; i++) await LoginAsync(emulator, wrong);

        Assert.Equal(200, (await LoginAsync(emulator, loginCode)).Status);
    }

    [Fact]
    public async Task A_second_request_within_the_delay_gets_429_per_action_and_keeps_the_first_code()
    {
        await using var emulator = await StartAsync();
        var loginCode = await MailedCodeAsync(emulator, "login");

        var again = await SendCodeAsync(emulator, "login");
        ScimAssert.WireError(again, 429, "too-many-requests", "Too many request to generate a verification code.");
        Assert.InRange(int.Parse(again.Headers.RetryAfter!.ToString()), 1, 300);
        Assert.Equal(200, (await SendCodeAsync(emulator, "create_scim_token")).Status);
        Assert.Equal(200, (await LoginAsync(emulator, loginCode)).Status);
    }

    [Fact]
    public async Task After_the_delay_a_new_request_replaces_the_code()
    {
        await using var emulator = await StartAsync(o => o.CodeResendDelaySeconds = 0);
        var first = await MailedCodeAsync(emulator, "login");
        string second;
        do second = await MailedCodeAsync(emulator, "login"); while (second == first);

        ScimAssert.WireError(await LoginAsync(emulator, first), 403, "code-authentication-failed");
        Assert.Equal(200, (await LoginAsync(emulator, second)).Status);
    }

    [Fact]
    public async Task An_expired_code_fails()
    {
        await using var emulator = await StartAsync(o => o.CodeLifetimeSeconds = 0);
        var code = await MailedCodeAsync(emulator, "login");
        ScimAssert.WireError(await LoginAsync(emulator, code), 403, "code-authentication-failed");
    }

    [Theory]
    [InlineData(true, "nobody@example.com")]
    [InlineData(false, Admin)]
    public async Task Send_answers_200_with_no_body_and_mails_nothing_without_a_2fa_account(bool secondFactor, string email)
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.SecondFactor = secondFactor);
        for (var i = 0; i < 2; i++)
        {
            var reply = await SendCodeAsync(emulator, "login", email);
            Assert.Equal(200, reply.Status);
            Assert.Equal("", reply.Body);
        }
        var mailbox = await emulator.SendAsync(HttpMethod.Get, "_emulator/verification-codes", token: null);
        Assert.Empty(mailbox.Json.AsArray());
    }

    [Fact]
    public async Task The_code_goes_to_the_account_found_by_its_email_key()
    {
        await using var emulator = await StartAsync();
        Assert.Equal(200, (await SendCodeAsync(emulator, "login", "ADMIN+sync@Example.com")).Status);
        var mailbox = await emulator.SendAsync(HttpMethod.Get, "_emulator/verification-codes?email=admin@example.com", token: null);
        var mail = Assert.Single(mailbox.Json.AsArray())!;
        Assert.Equal(Admin, (string?)mail["email"]);
        Assert.Equal("login", (string?)mail["action"]);
    }

    [Theory]
    [InlineData("""{"action":"logon","email":"admin@example.com"}""")]
    [InlineData("""{"action":"login"}""")]
    [InlineData("""{"action":"login","email":"not an email"}""")]
    public async Task A_malformed_send_request_is_400(string body)
    {
        await using var emulator = await StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "verification-code/send", body, token: null, contentType: "application/json");
        Assert.Equal(400, reply.Status);
    }

    [Fact]
    public async Task Without_second_factor_no_code_is_asked()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal(200, (await LoginAsync(emulator, null)).Status);
        await emulator.CreateTokenAsync();
    }
}

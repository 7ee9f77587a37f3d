using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class TokenApiTests
{
    private const string OtherIdp = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

    private static JsonObject CreateBody(string? password = TestEmulator.AdminPassword, string? code = null) => new()
    {
        ["description"] = "nightly sync",
        ["password"] = password,
        ["verification_code"] = code,
    };

    [Fact]
    public async Task Login_returns_an_access_token_and_a_zuid_cookie()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "login?persist=false",
            """{"email":"admin@example.com","password":"correct horse battery staple"}""", token: null, contentType: "application/json");
        Assert.Equal(200, reply.Status);
        Assert.Equal("Bearer", (string?)reply.Object["token_type"]);
        Assert.Equal(900, (int)reply.Object["expires_in"]!);
        Assert.False(string.IsNullOrEmpty((string?)reply.Object["access_token"]));
        Assert.StartsWith("zuid=", reply.Headers.GetValues("Set-Cookie").Single());
    }

    [Theory]
    [InlineData("""{"email":"admin@example.com","password":"wrong"}""")]
    [InlineData("""{"email":"nobody@example.com","password":"correct horse battery staple"}""")]
    [InlineData("""{"email":"admin@example.com"}""")]
    public async Task Login_with_wrong_credentials_is_403_invalid_credentials(string body)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "login", body, token: null, contentType: "application/json");
        ScimAssert.WireError(reply, 403, "invalid-credentials", "Authentication failed");
    }

    [Fact]
    public async Task Login_by_handle_works()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "login", """{"handle":"admin","password":"correct horse battery staple"}""",
            token: null, contentType: "application/json");
        Assert.Equal(200, reply.Status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task Token_api_without_a_valid_access_token_is_an_nginx_401(string method)
    {
        await using var emulator = await TestEmulator.StartAsync();
        foreach (var access in new string?[] { null, "not-an-access-token", TestEmulator.Token })
        {
            var reply = await emulator.TokenApiAsync(new HttpMethod(method), "scim/auth-tokens?id=" + Guid.NewGuid(), access,
                method == "POST" ? CreateBody() : null);
            Assert.Equal(401, reply.Status);
            Assert.StartsWith("text/html", reply.ContentType);
        }
    }

    [Fact]
    public async Task V0_create_gives_200_without_name_and_unbound_without_idp()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var body = await emulator.CreateTokenAsync(extra: new JsonObject { ["name"] = "ignored", ["idp"] = TestEmulator.IdpId });

        var token = (string)body["token"]!;
        Assert.Equal(44, token.Length);
        Assert.Equal(32, Convert.FromBase64String(token).Length);
        var info = body["info"]!.AsObject();
        Assert.Equal(["id", "team", "created_at", "description"], info.Select(p => p.Key));
        Assert.Equal("test token", (string?)info["description"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", (string?)info["created_at"]);

        // unbound token: invitation mode
        var user = await emulator.PostUserAsync(TestEmulator.UserJson("alice", "emp-1"), token);
        Assert.Equal(400, user.Status);
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("alice", "alice@example.com"), token)).Status);
    }

    [Fact]
    public async Task V0_create_binds_the_only_idp_implicitly()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var body = await emulator.CreateTokenAsync();
        Assert.Equal(TestEmulator.IdpId, (string?)body["info"]!["idp"]);
        var user = await emulator.PostUserAsync(TestEmulator.UserJson("bob", "bob-nameid"), (string)body["token"]!);
        Assert.Equal(201, user.Status);
        Assert.True((bool)user.Object["active"]!);
    }

    [Fact]
    public async Task V0_create_with_two_idps_is_more_than_one_idp_but_v8_works()
    {
        await using var emulator = await TestEmulator.StartSamlAsync(o => o.IdpIds.Add(OtherIdp));
        var access = await emulator.LoginAsync();
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody()), 400, "more-than-one-idp",
            "Team can have at most one IdP configured: SCIM tokens can only be created for a team with at most one IdP");
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "v7/scim/auth-tokens", access, CreateBody()), 400, "more-than-one-idp");

        var v8 = await emulator.CreateTokenAsync("v8/", new JsonObject { ["idp"] = OtherIdp });
        Assert.Equal(OtherIdp, (string?)v8["info"]!["idp"]);
    }

    [Fact]
    public async Task V8_create_has_a_name_defaulting_to_the_id_and_binds_only_when_asked()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var unnamed = await emulator.CreateTokenAsync("v8/");
        var info = unnamed["info"]!.AsObject();
        Assert.Equal((string?)info["id"], (string?)info["name"]);
        Assert.False(info.ContainsKey("idp"));
        Assert.Equal(400, (await emulator.PostUserAsync(TestEmulator.UserJson("carol", "carol-nameid"), (string)unnamed["token"]!)).Status);

        var named = await emulator.CreateTokenAsync("v8/", new JsonObject { ["name"] = "Entra", ["idp"] = TestEmulator.IdpId });
        Assert.Equal("Entra", (string?)named["info"]!["name"]);
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("carol", "carol-nameid"), (string)named["token"]!)).Status);
    }

    [Fact]
    public async Task V8_create_with_an_unknown_idp_is_404()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var access = await emulator.LoginAsync();
        var body = CreateBody();
        body["idp"] = OtherIdp;
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "v8/scim/auth-tokens", access, body), 404, "not-found", "Could not find IdP.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong password")]
    public async Task Create_needs_the_right_password(string? password)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var access = await emulator.LoginAsync();
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody(password)), 403, "access-denied",
            "This operation requires reauthentication.");
    }

    [Fact]
    public async Task Create_with_second_factor_enforced_needs_the_code()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.VerificationCode = "123456");
        var access = await emulator.LoginAsync();
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody()), 403,
            "code-authentication-required", "Reauthentication failed. Verification code required.");
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody(code: "000000")), 403,
            "code-authentication-failed", "Reauthentication failed with invalid verification code.");
        Assert.Equal(200, (await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody(code: "123456"))).Status);
    }

    [Fact]
    public async Task A_member_lacks_the_token_permission()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var access = await emulator.LoginAsync("member@example.com", "member password 123");
        foreach (var (method, path) in new[] { ("POST", "scim/auth-tokens"), ("GET", "scim/auth-tokens"), ("DELETE", $"scim/auth-tokens?id={Guid.NewGuid()}") })
        {
            var body = method == "POST" ? CreateBody("member password 123") : null;
            ScimAssert.WireError(await emulator.TokenApiAsync(new HttpMethod(method), path, access, body), 403, "insufficient-permissions",
                "You need permission CreateReadDeleteScimToken.");
        }
    }

    [Fact]
    public async Task The_token_limit_counts_all_team_tokens()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxScimTokens = 3);
        await emulator.CreateTokenAsync();
        await emulator.CreateTokenAsync("v8/");
        var access = await emulator.LoginAsync();
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody()), 403, "token-limit-reached",
            "The limit of provisioning tokens per team has been reached");
    }

    [Fact]
    public async Task Password_checks_are_rate_limited_per_user()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.PasswordBurst = 3);
        var access = await emulator.LoginAsync(); // first password check
        Assert.Equal(200, (await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody())).Status);
        Assert.Equal(403, (await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody("wrong password"))).Status);
        ScimAssert.WireError(await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", access, CreateBody()), 429, "too-many-requests", "Please try again later.");
        var login = await emulator.SendAsync(HttpMethod.Post, "login", """{"email":"admin@example.com","password":"correct horse battery staple"}""",
            token: null, contentType: "application/json");
        ScimAssert.WireError(login, 429, "too-many-requests");
        // the member has a budget of its own
        await emulator.LoginAsync("member@example.com", "member password 123");
    }

    [Fact]
    public async Task List_shows_names_only_from_v8_and_never_the_secret()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.ScimToken = null);
        var created = await emulator.CreateTokenAsync("v8/", new JsonObject { ["name"] = "HR" });
        var access = await emulator.LoginAsync();

        var v0 = await emulator.TokenApiAsync(HttpMethod.Get, "scim/auth-tokens", access);
        Assert.Equal(200, v0.Status);
        var v0Info = v0.Object["tokens"]!.AsArray().Single()!.AsObject();
        Assert.False(v0Info.ContainsKey("name"));
        Assert.Equal((string?)created["info"]!["id"], (string?)v0Info["id"]);

        var v8 = await emulator.TokenApiAsync(HttpMethod.Get, "v8/scim/auth-tokens", access);
        Assert.Equal("HR", (string?)v8.Object["tokens"]![0]!["name"]);
        Assert.DoesNotContain((string)created["token"]!, v8.Body);
    }

    [Fact]
    public async Task Rename_exists_only_from_v8()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateTokenAsync("v8/"))["info"]!["id"]!;
        var access = await emulator.LoginAsync();
        var renamed = await emulator.TokenApiAsync(HttpMethod.Put, $"v8/scim/auth-tokens/{id}", access, new JsonObject { ["name"] = "renamed" });
        Assert.Equal(200, renamed.Status);
        Assert.Equal("[]", renamed.Body);
        var list = await emulator.TokenApiAsync(HttpMethod.Get, "v8/scim/auth-tokens", access);
        Assert.Contains(list.Object["tokens"]!.AsArray(), t => (string?)t!["name"] == "renamed");

        Assert.Equal(404, (await emulator.TokenApiAsync(HttpMethod.Put, $"v7/scim/auth-tokens/{id}", access, new JsonObject { ["name"] = "x" })).Status);
        Assert.Equal(404, (await emulator.TokenApiAsync(HttpMethod.Put, $"scim/auth-tokens/{id}", access, new JsonObject { ["name"] = "x" })).Status);
    }

    [Fact]
    public async Task Delete_is_204_always_and_revokes_scim_access()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.CreateTokenAsync();
        var token = (string)created["token"]!;
        Assert.Equal(200, (await emulator.FilterAsync("userName eq \"x\"", token)).Status);

        var access = await emulator.LoginAsync();
        Assert.Equal(204, (await emulator.TokenApiAsync(HttpMethod.Delete, $"scim/auth-tokens?id={created["info"]!["id"]}", access)).Status);
        Assert.Equal(204, (await emulator.TokenApiAsync(HttpMethod.Delete, $"scim/auth-tokens?id={created["info"]!["id"]}", access)).Status);
        Assert.Equal(204, (await emulator.TokenApiAsync(HttpMethod.Delete, $"v8/scim/auth-tokens?id={Guid.NewGuid()}", access)).Status);
        ScimAssert.Error(await emulator.FilterAsync("userName eq \"x\"", token), 401, null, "authorization failed: Invalid SCIM token");
    }

    [Fact]
    public async Task Access_token_may_come_as_a_query_parameter()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var access = await emulator.LoginAsync();
        var reply = await emulator.TokenApiAsync(HttpMethod.Get, $"scim/auth-tokens?access_token={access}", null);
        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task Api_version_lists_the_supported_versions_and_higher_prefixes_are_404()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.MaxApiVersion = 6);
        var reply = await emulator.SendAsync(HttpMethod.Get, "api-version", token: null);
        Assert.Equal("""{"supported":[0,1,2,3,4,5,6],"development":[],"domain":"example.com","federation":false}""", reply.Body);
        var access = await emulator.LoginAsync();
        Assert.Equal(200, (await emulator.TokenApiAsync(HttpMethod.Get, "v6/scim/auth-tokens", access)).Status);
        Assert.Equal(404, (await emulator.TokenApiAsync(HttpMethod.Get, "v7/scim/auth-tokens", access)).Status);
    }
}

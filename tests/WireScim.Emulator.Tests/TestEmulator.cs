using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>An emulator on a free port with an HTTP client; the default token works in invitation mode.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Token = "seeded-scim-token-for-tests";
    public const string IdpId = "3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60";
    public const string AdminPassword = "correct horse battery staple";

    private TestEmulator(EmulatorServer server, EmulatorOptions options)
    {
        Server = server;
        Options = options;
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = server.BaseUri };
    }

    public EmulatorServer Server { get; }
    public EmulatorOptions Options { get; }
    public HttpClient Http { get; }

    public static async Task<TestEmulator> StartAsync(Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { ScimToken = Token };
        configure?.Invoke(options);
        return new TestEmulator(await EmulatorServer.StartAsync(options), options);
    }

    /// <summary>SAML mode: the seeded token is bound to the team's only IdP.</summary>
    public static Task<TestEmulator> StartSamlAsync(Action<EmulatorOptions>? configure = null) => StartAsync(o =>
    {
        o.IdpIds.Add(IdpId);
        configure?.Invoke(o);
    });

    public Task<Reply> SendAsync(HttpMethod method, string path, string? json = null, string? token = Token,
        string contentType = "application/scim+json", IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, contentType);
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        foreach (var (name, value) in headers ?? [])
            request.Headers.TryAddWithoutValidation(name, value);
        return Reply.ReadAsync(Http.SendAsync(request));
    }

    public Task<Reply> PostUserAsync(string json, string? token = Token) => SendAsync(HttpMethod.Post, "scim/v2/Users", json, token);
    public Task<Reply> PutUserAsync(string id, string json, string? token = Token) => SendAsync(HttpMethod.Put, $"scim/v2/Users/{id}", json, token);
    public Task<Reply> GetUserAsync(string id, string? token = Token) => SendAsync(HttpMethod.Get, $"scim/v2/Users/{id}", token: token);
    public Task<Reply> DeleteUserAsync(string id, string? token = Token) => SendAsync(HttpMethod.Delete, $"scim/v2/Users/{id}", token: token);
    public Task<Reply> FilterAsync(string filter, string? token = Token) =>
        SendAsync(HttpMethod.Get, "scim/v2/Users?filter=" + Uri.EscapeDataString(filter), token: token);

    public Task<Reply> PatchUserAsync(string id, params string[] operations) => SendAsync(HttpMethod.Patch, $"scim/v2/Users/{id}",
        $"{{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{string.Join(",", operations)}]}}");

    /// <summary>Creates a user and returns its SCIM JSON; fails the test unless the answer is 201.</summary>
    public async Task<JsonObject> CreateUserAsync(string userName, string? externalId = null, string extra = "")
    {
        var reply = await PostUserAsync(UserJson(userName, externalId ?? $"{userName}@example.com", extra));
        Assert.Equal(201, reply.Status);
        return reply.Object;
    }

    public static string UserJson(string userName, string externalId, string extra = "") =>
        $"{{\"userName\":\"{userName}\",\"externalId\":\"{externalId}\"{(extra.Length > 0 ? "," + extra : "")}}}";

    public async Task<string> LoginAsync(string email = "admin@example.com", string password = AdminPassword)
    {
        var reply = await SendAsync(HttpMethod.Post, "login", new JsonObject { ["email"] = email, ["password"] = password }.ToJsonString(),
            token: null, contentType: "application/json");
        Assert.Equal(200, reply.Status);
        return (string)reply.Object["access_token"]!;
    }

    public Task<Reply> TokenApiAsync(HttpMethod method, string path, string? accessToken, JsonObject? body = null) =>
        SendAsync(method, path, body?.ToJsonString(), accessToken, "application/json");

    /// <summary>Creates a SCIM token through the API; returns the whole 200 body.</summary>
    public async Task<JsonObject> CreateTokenAsync(string versionPrefix = "", JsonObject? extra = null)
    {
        var access = await LoginAsync();
        var body = new JsonObject { ["description"] = "test token", ["password"] = AdminPassword };
        foreach (var (key, value) in extra ?? []) body[key] = value?.DeepClone();
        var reply = await TokenApiAsync(HttpMethod.Post, versionPrefix + "scim/auth-tokens", access, body);
        Assert.Equal(200, reply.Status);
        return reply.Object;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>A fully read HTTP answer.</summary>
internal sealed record Reply(int Status, string Body, string? ContentType, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public JsonNode Json => JsonNode.Parse(Body)!;
    public JsonObject Object => Json.AsObject();

    public static async Task<Reply> ReadAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        var body = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, body, response.Content.Headers.ContentType?.ToString(), response.Headers, response.Content.Headers);
    }

    public override string ToString() => $"{Status} {ContentType}: {Body}";
}

internal static class ScimAssert
{
    public const string ScimContentType = "application/scim+json; charset=utf-8";

    /// <summary>Asserts an RFC 7644 error body (the "scim" envelope) with status as a string.</summary>
    public static void Error(Reply reply, int status, string? scimType, string? detail)
    {
        Assert.True(status == reply.Status, $"expected {status}, got {reply}");
        Assert.Equal("application/scim+json; charset=utf-8", Normalize(reply.ContentType));
        AssertScimErrorBody(reply.Object, status, scimType, detail);
    }

    public static void AssertScimErrorBody(JsonObject body, int status, string? scimType, string? detail)
    {
        Assert.Equal("urn:ietf:params:scim:api:messages:2.0:Error", (string?)body["schemas"]![0]);
        Assert.Equal(status.ToString(), body["status"]!.GetValue<string>());
        Assert.Equal(scimType, (string?)body["scimType"]);
        Assert.Equal(detail, (string?)body["detail"]);
        if (scimType is null) Assert.False(body.ContainsKey("scimType"));
        if (detail is null) Assert.False(body.ContainsKey("detail"));
    }

    /// <summary>A servant-level failure: plain text, not JSON.</summary>
    public static void Plain(Reply reply, int status, string? startsWith = null)
    {
        Assert.True(status == reply.Status, $"expected {status}, got {reply}");
        Assert.StartsWith("text/plain", reply.ContentType ?? "text/plain");
        if (startsWith is not null) Assert.StartsWith(startsWith, reply.Body);
    }

    public static void WireError(Reply reply, int status, string label, string? message = null)
    {
        Assert.True(status == reply.Status, $"expected {status}, got {reply}");
        Assert.Equal(status, (int)reply.Object["code"]!);
        Assert.Equal(label, (string?)reply.Object["label"]);
        if (message is not null) Assert.Equal(message, (string?)reply.Object["message"]);
    }

    public static string Normalize(string? contentType) => (contentType ?? "").Replace(";charset", "; charset");
}

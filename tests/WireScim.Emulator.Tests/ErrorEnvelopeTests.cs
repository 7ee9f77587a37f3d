using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class ErrorEnvelopeTests
{
    [Fact]
    public async Task Wire_envelope_wraps_the_scim_error_as_a_json_string_with_the_same_status()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.ErrorEnvelope = "wire");
        await emulator.CreateUserAsync("alice", "alice@example.com");

        var reply = await emulator.PostUserAsync(TestEmulator.UserJson("alice", "other@example.com"));

        Assert.Equal(409, reply.Status);
        Assert.Equal(409, (int)reply.Object["code"]!);
        Assert.Equal("scim-error", (string?)reply.Object["label"]);
        var inner = JsonNode.Parse((string)reply.Object["message"]!)!.AsObject();
        ScimAssert.AssertScimErrorBody(inner, 409, "uniqueness", "userName is already taken");
    }

    [Fact]
    public async Task Wire_envelope_applies_to_401_and_404_too_but_not_to_plain_errors()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.ErrorEnvelope = "wire");
        var unauthorized = await emulator.FilterAsync("userName eq \"a\"", token: null);
        Assert.Equal(401, unauthorized.Status);
        ScimAssert.AssertScimErrorBody(JsonNode.Parse((string)unauthorized.Object["message"]!)!.AsObject(), 401, null, "authorization failed: Token not provided");

        var notFound = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Schemas/urn:x", token: null);
        Assert.Equal("scim-error", (string?)notFound.Object["label"]);

        ScimAssert.Plain(await emulator.FilterAsync("userName pr"), 400);
    }

    [Fact]
    public async Task Scim_envelope_has_status_as_a_string()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.FilterAsync("id eq \"x\"");
        Assert.Equal("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"400","scimType":"invalidFilter","detail":"Unsupported attribute"}""", reply.Body);
    }
}

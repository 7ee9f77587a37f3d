using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>brig's 35 blocked handles, which spar answers with a 502 (docs/wire-behaviour.md#blocked-handles).</summary>
public sealed class BlockedHandleTests
{
    private const string BadUpstream =
        """{"code":502,"label":"bad-upstream","message":"Could not parse brig response body: internal error: (400,\"<empty body>\")"}""";

    /// <summary>Written out here, independently of the emulator's own list.</summary>
    public static TheoryData<string> Blocked() => new(
        "account", "admin", "administrator", "all", "android", "anna", "avs", "backend", "bot", "cs", "design", "dev",
        "developer", "development", "everyone", "help", "helpdesk", "hr", "info", "ios", "legal", "management", "news",
        "otto", "payment", "product", "purchase", "qa", "support", "team", "user", "web", "wire", "wirebot", "wireteam");

    [Fact]
    public void The_list_has_35_handles() => Assert.Equal(35, Blocked().Count);

    [Theory]
    [MemberData(nameof(Blocked))]
    public async Task Create_with_a_blocked_handle_is_a_502_with_brigs_error_nested(string handle)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.PostUserAsync(TestEmulator.UserJson(handle.ToUpperInvariant(), $"{handle}@example.com"));
        ScimAssert.Error(reply, 502, null, BadUpstream);
        Assert.Empty(emulator.Server.SnapshotUsers());
    }

    [Fact]
    public async Task A_blocked_handle_inside_a_longer_one_is_fine()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("anna.smith", "anna@example.com"))).Status);
    }

    [Fact]
    public async Task A_taken_externalId_is_reported_before_the_blocked_handle()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("olga", "olga@example.com");
        var reply = await emulator.PostUserAsync(TestEmulator.UserJson("otto", "olga@example.com"));
        Assert.Equal(409, reply.Status);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Changing_the_handle_to_a_blocked_one_is_a_502_and_changes_nothing(string method)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("olga", "olga@example.com");
        var id = (string)user["id"]!;

        var reply = method == "PUT"
            ? await emulator.PutUserAsync(id, TestEmulator.UserJson("support", "olga@example.com"))
            : await emulator.PatchUserAsync(id, """{"op":"replace","path":"userName","value":"Support"}""");

        ScimAssert.Error(reply, 502, null, BadUpstream);
        Assert.Equal(user.ToJsonString(), (await emulator.GetUserAsync(id)).Object.ToJsonString());
    }

    [Fact]
    public async Task In_the_wire_envelope_the_label_sits_two_levels_down()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.ErrorEnvelope = "wire");
        var reply = await emulator.PostUserAsync(TestEmulator.UserJson("qa", "qa@example.com"));

        Assert.Equal(502, reply.Status);
        Assert.Equal("scim-error", (string?)reply.Object["label"]);
        var scim = JsonNode.Parse((string)reply.Object["message"]!)!.AsObject();
        Assert.False(scim.ContainsKey("scimType"));
        var inner = JsonNode.Parse((string)scim["detail"]!)!;
        Assert.Equal("bad-upstream", (string?)inner["label"]);
        Assert.Equal(502, (int)inner["code"]!);
    }
}

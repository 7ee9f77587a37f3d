using System;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class UserReplaceTests
{
    private const string Full = """
        {"userName":"alice","externalId":"alice@example.com","displayName":"Alice A","preferredLanguage":"fr","roles":["admin"],
         "urn:ietf:params:scim:schemas:extension:wire:1.0:User":{"Dept":"Sales"}}
        """;

    [Fact]
    public async Task Put_resets_omitted_fields_but_keeps_the_role()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var created = (await emulator.PostUserAsync(Full)).Object;
        var id = (string)created["id"]!;

        var reply = await emulator.PutUserAsync(id, """{"userName":"alice","externalId":"alice@example.com"}""");

        Assert.Equal(200, reply.Status);
        var user = reply.Object;
        Assert.Equal("alice@example.com", (string?)user["displayName"]);
        Assert.Equal("en", (string?)user["preferredLanguage"]);
        Assert.Equal("""["admin"]""", user["roles"]!.ToJsonString());
        Assert.Equal("{}", user["urn:ietf:params:scim:schemas:extension:wire:1.0:User"]!.ToJsonString());
        Assert.True((bool)user["active"]!);
        Assert.Equal((string?)created["meta"]!["created"], (string?)user["meta"]!["created"]);
        Assert.NotEqual((string?)created["meta"]!["version"], (string?)user["meta"]!["version"]);
    }

    [Fact]
    public async Task Put_with_empty_roles_keeps_the_role_and_a_given_role_changes_it()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.PostUserAsync(Full)).Object["id"]!;
        var kept = await emulator.PutUserAsync(id, """{"userName":"alice","externalId":"alice@example.com","roles":[]}""");
        Assert.Equal("""["admin"]""", kept.Object["roles"]!.ToJsonString());
        var changed = await emulator.PutUserAsync(id, """{"userName":"alice","externalId":"alice@example.com","roles":["partner"]}""");
        Assert.Equal("""["partner"]""", changed.Object["roles"]!.ToJsonString());
    }

    [Fact]
    public async Task A_no_op_put_keeps_version_and_lastModified()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var created = (await emulator.PostUserAsync(Full)).Object;
        var id = (string)created["id"]!;

        var same = await emulator.PutUserAsync(id, Full);

        Assert.Equal(200, same.Status);
        Assert.Equal(created.ToJsonString(), same.Object.ToJsonString());
        var fromGet = (await emulator.GetUserAsync(id)).Object;
        Assert.Equal((string?)created["meta"]!["version"], (string?)fromGet["meta"]!["version"]);
        Assert.Equal((string?)created["meta"]!["lastModified"], (string?)fromGet["meta"]!["lastModified"]);
    }

    [Fact]
    public async Task Put_suspends_and_reactivates()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("bob", "bob@example.com"))["id"]!;
        Assert.False((bool)(await emulator.PutUserAsync(id, """{"userName":"bob","externalId":"bob@example.com","active":"False"}""")).Object["active"]!);
        Assert.False((bool)(await emulator.GetUserAsync(id)).Object["active"]!);
        Assert.True((bool)(await emulator.PutUserAsync(id, """{"userName":"bob","externalId":"bob@example.com"}""")).Object["active"]!);
    }

    [Fact]
    public async Task A_pending_invitation_stays_inactive_whatever_active_says()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("carol", "carol@example.com", """ "roles":["admin"] """))["id"]!;
        var reply = await emulator.PutUserAsync(id, """{"userName":"carol","externalId":"carol@example.com","active":true}""");
        Assert.False((bool)reply.Object["active"]!);
        Assert.Equal("""["member"]""", reply.Object["roles"]!.ToJsonString());
    }

    [Fact]
    public async Task Put_can_change_userName_and_externalId_unless_taken()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("dave", "dave@example.com");
        var id = (string)(await emulator.CreateUserAsync("erin", "erin@example.com"))["id"]!;

        ScimAssert.Error(await emulator.PutUserAsync(id, TestEmulator.UserJson("Dave", "erin@example.com")), 409, "uniqueness", "userName already in use by another wire user");
        ScimAssert.Error(await emulator.PutUserAsync(id, TestEmulator.UserJson("dave", "dave@example.com")), 409, "uniqueness", "externalId already in use by another Wire user");

        var renamed = await emulator.PutUserAsync(id, TestEmulator.UserJson("erin2", "erin2@example.com"));
        Assert.Equal(200, renamed.Status);
        Assert.Equal("erin2", (string?)renamed.Object["userName"]);
        Assert.Equal(1, (int)(await emulator.FilterAsync("externalId eq \"erin2@example.com\"")).Object["totalResults"]!);
        Assert.Equal(0, (int)(await emulator.FilterAsync("userName eq \"erin\"")).Object["totalResults"]!);
    }

    [Theory]
    [InlineData("""{"userName":"frank","externalId":"frank@example.com","displayName":""}""", "Name: outside range [1, 128] (put)")]
    [InlineData("""{"userName":"frank","externalId":"frank@example.com","preferredLanguage":"EN"}""", "Could not parse language. Expected format is ISO 639-1. (put)")]
    [InlineData("""{"userName":"frank","externalId":"frank@example.com","roles":["a","b"]}""", "A user cannot have more than one role. (put)")]
    [InlineData("""{"userName":"frank","externalId":"frank@example.com","password":"x"}""", "Setting user passwords is not supported for security reasons. (put)")]
    [InlineData("""{"userName":"frank"}""", "externalId is required")]
    [InlineData("""{"userName":"frank","externalId":"emp-9"}""", "Could not process externalId. Please check: (1) does the scim user contain a valid email address? (2) did you associate your scim token with a SAML IdP in wire?")]
    public async Task Put_validates_like_post_with_put_in_the_detail(string body, string detail)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("frank", "frank@example.com"))["id"]!;
        ScimAssert.Error(await emulator.PutUserAsync(id, body), 400, "invalidValue", detail);
    }

    [Fact]
    public async Task Put_rich_info_over_the_limit_says_put()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("gina", "gina@example.com"))["id"]!;
        var body = new JsonObject { ["userName"] = "gina", ["externalId"] = "gina@example.com",
            ["urn:wire:scim:schemas:profile:1.0"] = JsonNode.Parse($$$"""{"richInfo":{"version":0,"fields":[{"type":"K","value":"{{{new string('v', 5000)}}}"}]}}""") };
        ScimAssert.Error(await emulator.PutUserAsync(id, body.ToJsonString()), 413, "invalidValue",
            "[\"urn:ietf:params:scim:schemas:extension:wire:1.0:User\",\"urn:wire:scim:schemas:profile:1.0\"] together exceed the size limit: max 5000 characters, but got 5001 (put)");
    }

    [Fact]
    public async Task Put_on_an_unknown_user_is_404_after_validation()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = Guid.NewGuid().ToString();
        ScimAssert.Error(await emulator.PutUserAsync(id, TestEmulator.UserJson("hank", "hank@example.com")), 404, null, $"User {id} not found");
        ScimAssert.Error(await emulator.PutUserAsync(id, TestEmulator.UserJson("h", "hank@example.com")), 400, "invalidValue", "his not a valid Wire handle");
    }
}

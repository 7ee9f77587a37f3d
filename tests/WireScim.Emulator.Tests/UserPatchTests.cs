using System;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class UserPatchTests
{
    private const string Ext = "urn:ietf:params:scim:schemas:extension:wire:1.0:User";
    private const string Profile = "urn:wire:scim:schemas:profile:1.0";

    private static async Task<(TestEmulator Emulator, string Id)> StartWithUserAsync()
    {
        var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("alice", "alice@example.com",
            $$""" "displayName":"Alice","roles":["admin"],"{{Ext}}":{"Dept":"Sales","Floor":"3"} """);
        await emulator.CreateUserAsync("taken", "taken@example.com");
        return (emulator, (string)user["id"]!);
    }

    [Fact]
    public async Task Supported_paths_change_the_user_and_op_is_case_insensitive()
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;

        var reply = await emulator.PatchUserAsync(id,
            """{"op":"Replace","path":"userName","value":"Alice2"}""",
            """{"op":"add","path":"displayName","value":"Alice Two"}""",
            """{"op":"REPLACE","path":"urn:ietf:params:scim:schemas:core:2.0:User:externalId","value":"alice2@example.com"}""",
            """{"op":"replace","path":"active","value":"False"}""",
            """{"op":"replace","path":"roles","value":["partner"]}""");

        Assert.Equal(200, reply.Status);
        var user = reply.Object;
        Assert.Equal("alice2", (string?)user["userName"]);
        Assert.Equal("Alice Two", (string?)user["displayName"]);
        Assert.Equal("alice2@example.com", (string?)user["externalId"]);
        Assert.False((bool)user["active"]!);
        Assert.Equal("""["partner"]""", user["roles"]!.ToJsonString());
        Assert.Equal("""{"Dept":"Sales","Floor":"3"}""", user[Ext]!.ToJsonString());
    }

    [Fact]
    public async Task Rich_info_keys_are_patched_through_either_urn_in_place_or_appended()
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;

        var reply = await emulator.PatchUserAsync(id,
            $$"""{"op":"replace","path":"{{Ext}}:dept","value":"Marketing"}""",
            $$"""{"op":"add","path":"{{Profile}}:Building","value":"B"}""",
            $$"""{"op":"remove","path":"{{Ext}}:Floor"}""");

        Assert.Equal("""{"Dept":"Marketing","Building":"B"}""", reply.Object[Ext]!.ToJsonString());
        Assert.Equal("""{"richInfo":{"fields":[{"type":"Dept","value":"Marketing"},{"type":"Building","value":"B"}],"version":0}}""", reply.Object[Profile]!.ToJsonString());
    }

    [Fact]
    public async Task Removals_follow_wire()
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;
        await emulator.PatchUserAsync(id, """{"op":"replace","path":"active","value":false}""");

        var reply = await emulator.PatchUserAsync(id,
            """{"op":"remove","path":"displayName"}""",
            """{"op":"remove","path":"active"}""",
            """{"op":"remove","path":"roles"}""",
            """{"op":"remove","path":"title"}""",
            """{"op":"remove","path":"emails[type eq \"work\"].value"}""");

        Assert.Equal(200, reply.Status);
        Assert.Equal("alice@example.com", (string?)reply.Object["displayName"]);
        Assert.True((bool)reply.Object["active"]!);
        Assert.Equal("""["admin"]""", reply.Object["roles"]!.ToJsonString());
    }

    [Fact]
    public async Task An_empty_patch_returns_the_user_unchanged()
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;
        var before = (await emulator.GetUserAsync(id)).Body;
        var reply = await emulator.PatchUserAsync(id);
        Assert.Equal(200, reply.Status);
        Assert.Equal(before, reply.Body);
    }

    [Fact]
    public async Task Replace_without_path_overwrites_the_core_fields_from_a_user_object()
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;
        var reply = await emulator.PatchUserAsync(id, """{"op":"replace","value":{"userName":"alice","externalId":"alice@example.com","roles":["member"]}}""");
        Assert.Equal(200, reply.Status);
        Assert.Equal("alice@example.com", (string?)reply.Object["displayName"]);
        Assert.Equal("""["admin"]""", reply.Object["roles"]!.ToJsonString());

        ScimAssert.Error(await emulator.PatchUserAsync(id, """{"op":"replace","value":{"displayName":"x"}}"""), 400, "invalidValue",
            "Error in $: key \"username\" not found");
        ScimAssert.Error(await emulator.PatchUserAsync(id, """{"op":"replace","value":{"userName":"alice"}}"""), 400, "invalidValue", "externalId is required");
    }

    public static TheoryData<string, int, string, string?> PatchErrors() => new()
    {
        { """{"op":"replace","path":"emails","value":[{"value":"x@example.com"}]}""", 400, "invalidPath", "we only support attributes username, displayname, externalid, active, roles" },
        { """{"op":"add","path":"name.givenName","value":"A"}""", 400, "invalidPath", "we only support attributes username, displayname, externalid, active, roles" },
        { """{"op":"replace","path":"title","value":"Boss"}""", 400, "invalidPath", "we only support attributes username, displayname, externalid, active, roles" },
        { """{"op":"replace","path":"emails[type eq \"work\"].value","value":"x@example.com"}""", 400, "invalidPath", "can not lens into multi-valued attributes yet" },
        { """{"op":"replace","path":"displayName"}""", 400, "invalidValue", "No value was provided" },
        { """{"op":"add","path":"userName","value":null}""", 400, "invalidValue", "No value was provided" },
        { """{"op":"remove","path":"userName"}""", 400, "mutability", null },
        { """{"op":"remove","path":"externalId"}""", 400, "invalidValue", "externalId is required" },
        { """{"op":"remove"}""", 400, "noTarget", null },
        { $$"""{"op":"replace","path":"{{Ext}}:Dept","value":5}""", 400, "invalidValue", "rich info values can only be text" },
        { """{"op":"replace","path":"userName","value":"TAKEN"}""", 409, "uniqueness", "userName already in use by another wire user" },
        { """{"op":"replace","path":"externalId","value":"taken@example.com"}""", 409, "uniqueness", "externalId already in use by another Wire user" },
        { """{"op":"replace","path":"userName","value":"no way"}""", 400, "invalidValue", "no wayis not a valid Wire handle" },
        { """{"op":"replace","path":"displayName","value":""}""", 400, "invalidValue", "Name: outside range [1, 128] (put)" },
        { """{"op":"replace","path":"roles","value":["boss"]}""", 400, "invalidValue", "The role 'boss' is not valid. Valid roles are owner, admin, member, partner. (put)" },
    };

    [Theory]
    [MemberData(nameof(PatchErrors))]
    public async Task Patch_errors_match_wire_and_change_nothing(string operation, int status, string scimType, string? detail)
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;
        var before = (await emulator.GetUserAsync(id)).Body;
        ScimAssert.Error(await emulator.PatchUserAsync(id, operation), status, scimType, detail);
        Assert.Equal(before, (await emulator.GetUserAsync(id)).Body);
    }

    [Theory]
    [InlineData("""{"Operations":[{"op":"replace","path":"displayName","value":"x"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"Operations":[]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"move","path":"displayName","value":"x"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department","value":"x"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"urn:ietf:params:scim:schemas:extension:wire:1.0:User:Favorite color","value":"x"}]}""")]
    [InlineData("""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"ok"},{"op":"replace","path":"1bad","value":"x"}]}""")]
    public async Task Unparsable_patch_bodies_give_a_plain_400(string body)
    {
        var (emulator, id) = await StartWithUserAsync();
        await using var _ = emulator;
        ScimAssert.Plain(await emulator.SendAsync(System.Net.Http.HttpMethod.Patch, $"scim/v2/Users/{id}", body), 400);
    }

    [Fact]
    public async Task Lowercase_operations_key_is_accepted_and_unknown_user_is_404()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var unknown = Guid.NewGuid().ToString();
        var reply = await emulator.SendAsync(System.Net.Http.HttpMethod.Patch, $"scim/v2/Users/{unknown}",
            """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"operations":[{"op":"replace","path":"displayName","value":"x"}]}""");
        ScimAssert.Error(reply, 404, null, $"User {unknown} not found");
    }
}

using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>Team members SCIM did not create, and the look-ups that take them over (docs/wire-behaviour.md#look-ups-change-wire).</summary>
public sealed class TeamMemberTests
{
    private const string Olga = """{"handle":"owner1","displayName":"Olga Owner","email":"olga@example.com","role":"owner"}""";

    private static async Task<string> SeedAsync(TestEmulator emulator, string body = Olga)
    {
        var reply = await emulator.SendAsync(HttpMethod.Post, "_emulator/members", body, token: null, contentType: "application/json");
        Assert.True(reply.Status == 201, reply.ToString());
        return (string)reply.Object["id"]!;
    }

    private static async Task<JsonObject> ListedAsync(TestEmulator emulator, string id)
    {
        var all = await emulator.SendAsync(HttpMethod.Get, "_emulator/users", token: null);
        return all.Json.AsArray().Single(u => (string?)u!["id"] == id)!.AsObject();
    }

    private static async Task<long> FlipsAsync(TestEmulator emulator) =>
        (long)(await emulator.SendAsync(HttpMethod.Get, "_emulator/stats", token: null)).Object["managedByScimFlips"]!;

    /// <summary>The three look-ups spar answers from brig: by id, userName eq, externalId eq.</summary>
    private static async Task<Reply> LookUpAsync(TestEmulator emulator, string how, string id) => how switch
    {
        "id" => await emulator.GetUserAsync(id),
        "userName" => await emulator.FilterAsync("userName eq \"OWNER1\""),
        "externalId" => await emulator.FilterAsync("externalId eq \"olga@example.com\""),
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };

    private static JsonObject Found(Reply reply, string how)
    {
        Assert.True(reply.Status == 200, reply.ToString());
        return how == "id" ? reply.Object : Assert.Single(reply.Object["Resources"]!.AsArray())!.AsObject();
    }

    [Fact]
    public async Task A_seeded_member_is_listed_as_managed_by_wire_and_not_counted_as_a_flip()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator);

        var listed = await ListedAsync(emulator, id);
        Assert.Equal("wire", (string?)listed["managedBy"]);
        Assert.Equal("owner1", (string?)listed["userName"]);
        Assert.Equal("Olga Owner", (string?)listed["displayName"]);
        Assert.False((bool)listed["pending"]!);
        Assert.Equal(0, await FlipsAsync(emulator));
        Assert.Empty(emulator.Server.SnapshotUsers());
    }

    [Theory]
    [InlineData("id")]
    [InlineData("userName")]
    [InlineData("externalId")]
    public async Task A_look_up_shows_the_member_as_Wire_does_and_puts_them_under_SCIM_for_good(string how)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator);

        var user = Found(await LookUpAsync(emulator, how, id), how);

        Assert.Equal(id, (string?)user["id"]);
        Assert.Equal("owner1", (string?)user["userName"]);
        Assert.Equal("olga@example.com", (string?)user["externalId"]);
        Assert.Equal("Olga Owner", (string?)user["displayName"]);
        Assert.Equal("""[{"value":"olga@example.com"}]""", user["emails"]!.ToJsonString());
        Assert.Equal("""["owner"]""", user["roles"]!.ToJsonString());
        Assert.True((bool)user["active"]!);
        Assert.Equal((string?)user["meta"]!["created"], (string?)user["meta"]!["lastModified"]);
        Assert.Equal("scim", (string?)(await ListedAsync(emulator, id))["managedBy"]);
        Assert.Equal(1, await FlipsAsync(emulator));

        // Now a SCIM user like any other: further look-ups find the same record and flip nothing.
        var again = Found(await LookUpAsync(emulator, how, id), how);
        Assert.Equal(user.ToJsonString(), again.ToJsonString());
        Assert.Equal(1, await FlipsAsync(emulator));
        Assert.Single(emulator.Server.SnapshotUsers());
    }

    [Fact]
    public async Task An_open_Team_Settings_invitation_is_invisible_to_SCIM()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator, """{"displayName":"Ivy Invited","email":"ivy@example.com","pending":true}""");

        Assert.Equal(404, (await emulator.GetUserAsync(id)).Status);
        Assert.Equal(0, (int)(await emulator.FilterAsync("externalId eq \"ivy@example.com\"")).Object["totalResults"]!);
        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);

        var listed = await ListedAsync(emulator, id);
        Assert.True((bool)listed["pending"]!);
        Assert.False((bool)listed["active"]!);
        Assert.Equal("wire", (string?)listed["managedBy"]);
        Assert.Equal(0, await FlipsAsync(emulator));
    }

    [Fact]
    public async Task An_accepted_Team_Settings_invitation_becomes_a_member_SCIM_can_reach()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator, """{"handle":"ivy","displayName":"Ivy Invited","email":"ivy@example.com","pending":true}""");
        Assert.Equal(200, (await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null)).Status);

        Assert.False((bool)(await ListedAsync(emulator, id))["pending"]!);
        var found = await emulator.FilterAsync("userName eq \"ivy\"");
        Assert.Equal(id, (string?)found.Object["Resources"]![0]!["id"]);
    }

    [Fact]
    public async Task A_member_without_a_handle_gets_their_user_id_as_handle()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator, """{"displayName":"No Handle","email":"nohandle@example.com"}""");

        var user = (await emulator.GetUserAsync(id)).Object;
        Assert.Equal(id, (string?)user["userName"]);
        Assert.Equal(id, (string?)(await emulator.FilterAsync($"userName eq \"{id}\"")).Object["Resources"]![0]!["id"]);
    }

    [Fact]
    public async Task A_member_with_neither_email_nor_SSO_id_is_not_found_and_not_flipped()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator, """{"handle":"quiet","displayName":"Quiet One"}""");

        Assert.Equal(404, (await emulator.GetUserAsync(id)).Status);
        Assert.Equal(0, (int)(await emulator.FilterAsync("userName eq \"quiet\"")).Object["totalResults"]!);
        Assert.Equal("wire", (string?)(await ListedAsync(emulator, id))["managedBy"]);
        Assert.Equal(0, await FlipsAsync(emulator));
    }

    [Fact]
    public async Task A_look_up_whose_derived_externalId_is_taken_answers_409_but_flips_the_member_anyway()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator);
        await emulator.CreateUserAsync("other", "olga@example.com", """ "emails":[{"value":"other@example.com"}] """);

        for (var i = 0; i < 2; i++)
            ScimAssert.Error(await emulator.GetUserAsync(id), 409, "uniqueness", "externalId already in use by another Wire user");

        var listed = await ListedAsync(emulator, id);
        Assert.Equal("scim", (string?)listed["managedBy"]);
        Assert.Null(listed["externalId"]);
        Assert.Equal(1, await FlipsAsync(emulator));
    }

    public static TheoryData<string, string> Updates() => new()
    {
        { "PUT", """{"userName":"olga","externalId":"olga@example.com","displayName":"Olga O."}""" },
        { "PATCH", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"Olga O."}]}""" },
    };

    [Theory]
    [MemberData(nameof(Updates))]
    public async Task Put_and_patch_take_the_member_over_and_then_apply_the_change(string method, string body)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator);

        var reply = await emulator.SendAsync(new HttpMethod(method), $"scim/v2/Users/{id}", body);

        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal("Olga O.", (string?)reply.Object["displayName"]);
        Assert.Equal("""["owner"]""", reply.Object["roles"]!.ToJsonString());
        Assert.Equal("scim", (string?)(await ListedAsync(emulator, id))["managedBy"]);
        Assert.Equal(1, await FlipsAsync(emulator));
    }

    [Fact]
    public async Task A_put_whose_body_fails_validation_leaves_the_member_alone()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator);

        var reply = await emulator.PutUserAsync(id, """{"userName":"olga","displayName":"Olga"}""");

        ScimAssert.Error(reply, 400, "invalidValue", "externalId is required");
        Assert.Equal("wire", (string?)(await ListedAsync(emulator, id))["managedBy"]);
    }

    [Fact]
    public async Task Delete_removes_an_accepted_member_though_SCIM_never_managed_them()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = await SeedAsync(emulator);

        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);

        var all = await emulator.SendAsync(HttpMethod.Get, "_emulator/users", token: null);
        Assert.DoesNotContain(all.Json.AsArray(), u => (string?)u!["id"] == id);
        Assert.Equal(0, await FlipsAsync(emulator));
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("owner1", "new@example.com"))).Status);
    }

    [Fact]
    public async Task A_members_handle_is_taken_for_SCIM_creates()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator);

        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("OWNER1", "x@example.com")), 409, "uniqueness", "userName is already taken");
        Assert.Equal(0, await FlipsAsync(emulator));
    }

    [Theory]
    [InlineData("""{"handle":"x1"}""", 400)]
    [InlineData("""{"displayName":"X","role":"boss"}""", 400)]
    [InlineData("""{"displayName":"X","handle":"a b"}""", 400)]
    [InlineData("""{"displayName":"X","handle":"support"}""", 400)]
    [InlineData("""{"displayName":"X","email":"not-an-email"}""", 400)]
    [InlineData("""{"displayName":"X","pending":true}""", 400)]
    [InlineData("""{"displayName":"X","handle":"owner1"}""", 409)]
    [InlineData("""{"displayName":"X","email":"OLGA@example.com"}""", 409)]
    public async Task Seeding_refuses_bad_or_conflicting_members(string body, int status)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await SeedAsync(emulator);
        var reply = await emulator.SendAsync(HttpMethod.Post, "_emulator/members", body, token: null, contentType: "application/json");
        Assert.True(reply.Status == status, reply.ToString());
    }
}

/// <summary>spar's externalId filter falls back to brig's e-mail look-up, and keeps a match only when the e-mail is equal byte for byte.</summary>
public sealed class ExternalIdEmailFallbackTests
{
    [Theory]
    [InlineData("Carol@Example.com", "Carol@Example.com", 1)]
    [InlineData("Carol@Example.com", "carol@example.com", 0)]
    [InlineData("carol@example.com", "CAROL@EXAMPLE.COM", 0)]
    [InlineData("carol@example.com", "carol+tag@example.com", 0)]
    public async Task The_email_fallback_is_case_sensitive(string stored, string filtered, int expected)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("carol", "emp-7", $$""" "emails":[{"value":"{{stored}}"}] """);

        var reply = await emulator.FilterAsync($"externalId eq \"{filtered}\"");

        Assert.Equal(expected, (int)reply.Object["totalResults"]!);
    }

    [Fact]
    public async Task A_member_is_reached_only_by_the_exact_email()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SendAsync(HttpMethod.Post, "_emulator/members", """{"handle":"olga","displayName":"Olga","email":"Olga@Example.com"}""",
            token: null, contentType: "application/json");

        Assert.Equal(0, (int)(await emulator.FilterAsync("externalId eq \"olga@example.com\"")).Object["totalResults"]!);
        Assert.Equal(0, emulator.Server.Stats.ManagedByScimFlips);
        Assert.Equal(1, (int)(await emulator.FilterAsync("externalId eq \"Olga@Example.com\"")).Object["totalResults"]!);
        Assert.Equal(1, emulator.Server.Stats.ManagedByScimFlips);
    }
}

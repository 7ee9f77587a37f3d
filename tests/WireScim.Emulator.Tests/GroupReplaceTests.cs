using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;
using static WireScim.Emulator.Tests.GroupTestSupport;

namespace WireScim.Emulator.Tests;

public sealed class GroupReplaceTests
{
    [Fact]
    public async Task Put_replaces_name_and_members_and_never_moves_meta()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(3);
        var id = await emulator.CreateGroupAsync("Ops", users[0], users[1]);
        var before = (await emulator.GetGroupAsync(id)).Object;

        var reply = await emulator.PutGroupAsync(id, GroupJson("Operations", users[2], users[1]));

        Assert.Equal(200, reply.Status);
        Assert.Equal("Operations", (string?)reply.Object["displayName"]);
        Assert.Equal(new[] { users[1], users[2] }.Order(StringComparer.Ordinal), MemberIds(reply.Object));
        Assert.Equal(before["meta"]!.ToJsonString(), reply.Object["meta"]!.ToJsonString());
        Assert.Equal(reply.Body, (await emulator.GetGroupAsync(id)).Body);

        var again = await emulator.PutGroupAsync(id, GroupJson("Operations", users[2], users[1]));
        Assert.Equal(reply.Body, again.Body);
    }

    /// <summary>{a0} is in the group before the PUT; other placeholders: see <see cref="GroupTestSupport.MemberFixture"/>.</summary>
    public static TheoryData<string, string, string, int, string?, string> Rejections() => new()
    {
        // rule, displayName, members, status, scimType, detail
        { "empty displayName", "", "{a0}", 400, "invalidValue", "outside range [1, 4000]" },
        { "name checked before member ids", "", "x", 400, "invalidValue", "outside range [1, 4000]" },
        { "member value not a UUID", "Ops", "{a0},x", 400, "invalidValue", "Invalid group member ID: UUID.fromText failed" },
        { "an added member not managed by SCIM", "Ops", "{a0},{wire}", 400, "invalidValue", "These users do not exist, are not in your team, or not \"managed_by\" = \"scim\": {wire}" },
        { "not-SCIM members checked before missing ones", "Ops", "{missing},{wire}", 400, "invalidValue", "These users do not exist, are not in your team, or not \"managed_by\" = \"scim\": {wire}" },
        { "an added member that does not exist", "Ops", "{a0},{missing}", 404, null, "User {missing} not found" },
        { "an added pending SCIM invitee", "Ops", "{pending}", 404, null, "User {pending} not found" },
        { "an added open Team-Settings invitation", "Ops", "{invited}", 404, null, "User {invited} not found" },
        { "duplicate ids fail in brig", "Renamed", "{a0},{a1},{a1}", 500, null, """{"code":500,"label":"server-error","message":"Server Error"}""" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Put_rejects_as_spar_and_brig_do(string rule, string displayName, string members, int status, string? scimType, string detail)
    {
        await using var emulator = await StartAsync();
        var fixture = await MemberFixture.CreateAsync(emulator);
        var id = await emulator.CreateGroupAsync("Ops", fixture.Active[0]);

        var reply = await emulator.PutGroupAsync(id, GroupJson(displayName, fixture.Ids(members)));

        ScimAssert.Error(reply, status, scimType, fixture.Fill(detail));
        var stored = await emulator.ControlGroupAsync(id);
        Assert.Equal([fixture.Active[0]], stored["members"]!.AsArray().Select(m => (string)m!));
        // brig renames before it replaces the members, and the two steps are not one transaction.
        Assert.Equal(status == 500 ? displayName : "Ops", (string?)stored["displayName"]);
        Assert.NotNull(rule);
    }

    [Fact]
    public async Task Members_that_stay_are_not_checked_again()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(1);
        var wire = await emulator.WireMemberAsync("teamsettings1");
        var id = await emulator.CreateGroupAsync("Ops", users[0]);
        // A team admin adds a Team-Settings member in the Wire app; brig does not ask who manages the group.
        var added = await emulator.SendAsync(HttpMethod.Put, $"_emulator/groups/{id}", $$"""{"members":["{{users[0]}}","{{wire}}"]}""", token: null, contentType: "application/json");
        Assert.Equal(200, added.Status);

        var reply = await emulator.PutGroupAsync(id, GroupJson("Ops renamed", wire, users[0]));

        Assert.Equal(200, reply.Status);
        Assert.Equal(new[] { users[0], wire }.Order(StringComparer.Ordinal), MemberIds(reply.Object));
    }

    [Fact]
    public async Task Only_added_members_are_checked_and_removed_ones_are_dropped()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(3);
        var id = await emulator.CreateGroupAsync("Ops", users[0], users[1]);

        var reply = await emulator.PutGroupAsync(id, GroupJson("Ops", users[0]));

        Assert.Equal(200, reply.Status);
        Assert.Equal([users[0]], MemberIds(reply.Object));
    }

    [Fact]
    public async Task Put_on_a_missing_or_Wire_managed_group_is_404()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(1);
        var wireGroup = await emulator.SeedWireGroupAsync("Team Settings group", users[0]);
        var unknown = Guid.NewGuid().ToString();

        ScimAssert.Error(await emulator.PutGroupAsync(unknown, GroupJson("X")), 404, null, $"Group {unknown} not found");
        ScimAssert.Error(await emulator.PutGroupAsync(wireGroup, GroupJson("X")), 404, null, $"Group {wireGroup} not found");
        Assert.Equal("Team Settings group", (string?)(await emulator.ControlGroupAsync(wireGroup))["displayName"]);
        Assert.Single(await emulator.ControlGroupsAsync());
    }

    [Fact]
    public async Task A_deleted_user_leaves_every_group()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(2);
        var scimGroup = await emulator.CreateGroupAsync("Ops", users);
        var wireGroup = await emulator.SeedWireGroupAsync("Board", users);

        Assert.Equal(204, (await emulator.DeleteUserAsync(users[0])).Status);

        Assert.Equal([users[1]], MemberIds((await emulator.GetGroupAsync(scimGroup)).Object));
        Assert.Equal([users[1]], MemberIds((await emulator.GetGroupAsync(wireGroup)).Object));
        Assert.Equal(404, (await emulator.PutGroupAsync(scimGroup, GroupJson("Ops", users))).Status);
    }

    [Fact]
    public async Task Put_parse_failures_are_plain_400s_and_non_uuid_ids_too()
    {
        await using var emulator = await StartAsync();
        var id = await emulator.CreateGroupAsync("Ops");
        ScimAssert.Plain(await emulator.PutGroupAsync(id, """{"displayName":"Ops","members":[]}"""), 400, "Error in $");
        ScimAssert.Plain(await emulator.PutGroupAsync("not-a-uuid", GroupJson("Ops")), 400);
        ScimAssert.Plain(await emulator.GetGroupAsync("not-a-uuid"), 400);
        ScimAssert.Plain(await emulator.DeleteGroupAsync("not-a-uuid"), 400);
    }
}

public sealed class GroupReadAndDeleteTests
{
    [Fact]
    public async Task Get_finds_SCIM_and_Wire_managed_groups_and_404s_others()
    {
        await using var emulator = await StartAsync();
        var scimGroup = await emulator.CreateGroupAsync("Ops");
        var wireGroup = await emulator.SeedWireGroupAsync("Board");
        var unknown = Guid.NewGuid().ToString();

        Assert.Equal("Ops", (string?)(await emulator.GetGroupAsync(scimGroup)).Object["displayName"]);
        Assert.Equal("Board", (string?)(await emulator.GetGroupAsync(wireGroup)).Object["displayName"]);
        ScimAssert.Error(await emulator.GetGroupAsync(unknown), 404, null, $"Group {unknown} not found");
        ScimAssert.Error(await emulator.GetGroupAsync(scimGroup, token: "bad"), 401, null, "authorization failed: Invalid SCIM token");
    }

    [Theory]
    [InlineData("5.25", "forbidden: Group is not managed by SCIM: {id}")]
    [InlineData("5.24", "forbidden: Cannot delete group not managed by SCIM")]
    public async Task Delete_is_204_even_for_unknown_ids_and_403_for_Wire_managed_groups(string release, string forbidden)
    {
        await using var emulator = await StartAsync(release);
        var scimGroup = await emulator.CreateGroupAsync("Ops");
        var wireGroup = await emulator.SeedWireGroupAsync("Board");

        Assert.Equal(204, (await emulator.DeleteGroupAsync(scimGroup)).Status);
        ScimAssert.Error(await emulator.GetGroupAsync(scimGroup), 404, null, $"Group {scimGroup} not found");
        Assert.Equal(204, (await emulator.DeleteGroupAsync(scimGroup)).Status);
        Assert.Equal(204, (await emulator.DeleteGroupAsync(Guid.NewGuid().ToString())).Status);
        ScimAssert.Error(await emulator.DeleteGroupAsync(wireGroup), 403, null, forbidden.Replace("{id}", wireGroup));
        Assert.Equal(401, (await emulator.DeleteGroupAsync(wireGroup, token: null)).Status);
        Assert.Equal([wireGroup], (await emulator.ControlGroupsAsync()).Select(g => (string)g!["id"]!));
    }

    [Theory]
    [InlineData("a PatchOp", """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[]}]}""")]
    [InlineData("any JSON", "42")]
    public async Task Patch_is_always_a_500_and_changes_nothing(string rule, string body)
    {
        await using var emulator = await StartAsync();
        var id = await emulator.CreateGroupAsync("Ops");

        var reply = await emulator.SendAsync(HttpMethod.Patch, $"{GroupsPath}/{id}", body);

        ScimAssert.WireError(reply, 500, "server-error");
        Assert.Equal("Ops", (string?)(await emulator.ControlGroupAsync(id))["displayName"]);
        Assert.Equal(401, (await emulator.SendAsync(HttpMethod.Patch, $"{GroupsPath}/{id}", body, token: "bad")).Status);
        ScimAssert.Plain(await emulator.SendAsync(HttpMethod.Patch, $"{GroupsPath}/{id}", "{", token: "bad"), 400);
        Assert.Equal(3, emulator.Server.Stats.RouteCount("PATCH /scim/v2/Groups/{id}"));
        Assert.Equal(3, emulator.Server.Stats.GroupRequests["PATCH"]);
        Assert.NotNull(rule);
    }

    [Fact]
    public async Task Wrong_methods_are_405()
    {
        await using var emulator = await StartAsync();
        Assert.Equal(405, (await emulator.SendAsync(HttpMethod.Delete, GroupsPath)).Status);
        Assert.Equal(405, (await emulator.SendAsync(HttpMethod.Post, $"{GroupsPath}/{Guid.NewGuid()}", GroupJson("x"))).Status);
    }
}

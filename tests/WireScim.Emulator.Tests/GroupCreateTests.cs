using System;
using System.Linq;
using System.Threading.Tasks;
using Xunit;
using static WireScim.Emulator.Tests.GroupTestSupport;

namespace WireScim.Emulator.Tests;

public sealed class GroupCreateTests
{
    private const string MemberNotInTeam = """{"code":400,"label":"user-group-invalid","message":"Only team members of the same team can be added to a user group."}""";
    private const string BrigServerError = """{"code":500,"label":"server-error","message":"Server Error"}""";

    private const string NotScimManaged = "These users do not exist, are not in your team, or not \"managed_by\" = \"scim\": ";

    /// <summary>Placeholders: see <see cref="GroupTestSupport.MemberFixture"/>.</summary>
    public static TheoryData<string, string, string, int, string?, string> Rejections() => new()
    {
        // rule, displayName, members (comma list), status, scimType, detail
        { "member value not a UUID", "Ops", "not-a-uuid", 400, "invalidValue", "Invalid group member ID: UUID.fromText failed" },
        { "member value a UUID in braces", "Ops", "{{a0}}", 400, "invalidValue", "Invalid group member ID: UUID.fromText failed" },
        { "member id checked before the name", "", "x", 400, "invalidValue", "Invalid group member ID: UUID.fromText failed" },
        { "member ids checked before members not managed by SCIM", "Ops", "{wire},x", 400, "invalidValue", "Invalid group member ID: UUID.fromText failed" },
        { "a member not managed by SCIM", "Ops", "{a0},{wire}", 400, "invalidValue", NotScimManaged + "{wire}" },
        { "only existing users are listed", "Ops", "{missing},{wire},{pending}", 400, "invalidValue", NotScimManaged + "{wire}" },
        { "not-SCIM members checked before the name", "", "{wire}", 400, "invalidValue", NotScimManaged + "{wire}" },
        { "empty displayName", "", "{a0}", 400, "invalidValue", "outside range [1, 4000]" },
        { "displayName of 4001 characters", new string('n', 4001), "", 400, "invalidValue", "outside range [1, 4000]" },
        { "name checked before brig's member guard", "", "{missing}", 400, "invalidValue", "outside range [1, 4000]" },
        { "a member that does not exist", "Ops", "{a0},{missing}", 500, null, MemberNotInTeam },
        { "a pending SCIM invitee", "Ops", "{pending}", 500, null, MemberNotInTeam },
        { "an open Team-Settings invitation", "Ops", "{invited}", 500, null, MemberNotInTeam },
        { "the same member twice", "Ops", "{a0},{a1},{a0}", 500, null, BrigServerError },
        { "missing member checked before duplicates", "Ops", "{a0},{a0},{missing}", 500, null, MemberNotInTeam },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public async Task Post_rejects_as_spar_and_brig_do_and_stores_nothing(string rule, string displayName, string members, int status, string? scimType, string detail)
    {
        await using var emulator = await StartAsync();
        var fixture = await MemberFixture.CreateAsync(emulator);

        var reply = await emulator.PostGroupAsync(GroupJson(displayName, fixture.Ids(members)));

        ScimAssert.Error(reply, status, scimType, fixture.Fill(detail));
        Assert.Empty(await emulator.ControlGroupsAsync());
        Assert.NotNull(rule);
    }

    [Fact]
    public async Task Release_5_24_words_the_not_SCIM_managed_error_differently()
    {
        await using var emulator = await StartAsync("5.24");
        var wire = await emulator.WireMemberAsync("teamsettings1");
        var other = await emulator.WireMemberAsync("teamsettings2");
        var reply = await emulator.PostGroupAsync(GroupJson("Ops", wire, other));
        ScimAssert.Error(reply, 400, "invalidValue", $"These users are not in your team or not \"managed_by\" = \"scim\": {wire}, {other}");
    }

    [Fact]
    public async Task A_Team_Settings_member_taken_over_by_a_SCIM_look_up_can_join()
    {
        await using var emulator = await StartAsync();
        var wire = await emulator.WireMemberAsync("teamsettings1");
        Assert.Equal(400, (await emulator.PostGroupAsync(GroupJson("Ops", wire))).Status);

        Assert.Equal(200, (await emulator.GetUserAsync(wire)).Status);

        Assert.Equal(201, (await emulator.PostGroupAsync(GroupJson("Ops", wire))).Status);
    }

    public static TheoryData<string, string> ParseFailures() => new()
    {
        { "schemas missing", """{"displayName":"Ops","members":[]}""" },
        { "schemas not an array", """{"schemas":"x","displayName":"Ops","members":[]}""" },
        { "displayName missing", """{"schemas":[],"members":[]}""" },
        { "displayName not a string", """{"schemas":[],"displayName":5,"members":[]}""" },
        { "members missing", """{"schemas":[],"displayName":"Ops"}""" },
        { "members null", """{"schemas":[],"displayName":"Ops","members":null}""" },
        { "member with value only (as Okta and Entra send it)", """{"schemas":[],"displayName":"Ops","members":[{"value":"3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60"}]}""" },
        { "member without $ref", """{"schemas":[],"displayName":"Ops","members":[{"value":"3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60","type":"User"}]}""" },
        { "member without type", """{"schemas":[],"displayName":"Ops","members":[{"value":"3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60","$ref":"x"}]}""" },
        { "member as a bare id", """{"schemas":[],"displayName":"Ops","members":["3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60"]}""" },
        { "not JSON", """{"schemas":""" },
    };

    [Theory]
    [MemberData(nameof(ParseFailures))]
    public async Task Post_with_an_unparsable_body_is_a_plain_400_even_with_a_bad_token(string rule, string body)
    {
        await using var emulator = await StartAsync();
        ScimAssert.Plain(await emulator.PostGroupAsync(body), 400, "Error in $");
        ScimAssert.Plain(await emulator.PostGroupAsync(body, token: "not-a-token"), 400);
        Assert.Empty(await emulator.ControlGroupsAsync());
        Assert.NotNull(rule);
    }

    [Fact]
    public async Task Post_creates_a_group_with_constant_meta_and_echoes_the_request_order()
    {
        await using var emulator = await StartAsync();
        var members = (await emulator.ActiveUsersAsync(4)).OrderByDescending(id => id, StringComparer.Ordinal).ToArray();
        var body = $$"""{"schemas":[],"displayName":"Sales","externalId":"ad-guid-1","id":"ignored","members":[{{string.Join(",", members.Select(m => Member(m, "Whatever", "urn:x")))}}]}""";

        var reply = await emulator.PostGroupAsync(body);

        Assert.Equal(201, reply.Status);
        Assert.Equal(ScimAssert.ScimContentType, ScimAssert.Normalize(reply.ContentType));
        Assert.False(reply.Headers.Contains("Location"));
        Assert.False(reply.Headers.Contains("ETag"));
        var group = reply.Object;
        var id = (string)group["id"]!;
        Assert.NotEqual("ignored", id);
        Assert.False(group.ContainsKey("externalId"));
        Assert.Equal("""["urn:ietf:params:scim:schemas:core:2.0:Group"]""", group["schemas"]!.ToJsonString());
        Assert.Equal("Sales", (string?)group["displayName"]);
        Assert.Equal(members, MemberIds(group));
        var scimBase = emulator.Server.BaseUri + "scim/v2";
        foreach (var member in group["members"]!.AsArray())
        {
            Assert.Equal("User", (string?)member!["type"]);
            Assert.Equal($"{scimBase}/Users/{member["value"]}", (string?)member["$ref"]);
        }
        var meta = group["meta"]!;
        Assert.Equal("Group", (string?)meta["resourceType"]);
        Assert.Equal("W/\"v1\"", (string?)meta["version"]);
        Assert.Equal((string?)meta["created"], (string?)meta["lastModified"]);
        Assert.Equal($"{scimBase}/Groups/{id}", (string?)meta["location"]);

        var stored = await emulator.ControlGroupAsync(id);
        Assert.Equal("scim", (string?)stored["managedBy"]);
        Assert.Equal(members.Order(StringComparer.Ordinal), stored["members"]!.AsArray().Select(m => (string)m!));
    }

    [Fact]
    public async Task Reads_show_members_in_storage_order_not_insertion_order()
    {
        await using var emulator = await StartAsync();
        var members = (await emulator.ActiveUsersAsync(5)).OrderByDescending(id => id, StringComparer.Ordinal).ToArray();
        var id = await emulator.CreateGroupAsync("Ops", members);

        var read = MemberIds((await emulator.GetGroupAsync(id)).Object);
        var listed = MemberIds((await emulator.ListGroupsAsync()).Object["Resources"]![0]!);

        Assert.NotEqual(members, read);
        Assert.Equal(members.Order(StringComparer.Ordinal), read);
        Assert.Equal(read, listed);
    }

    [Theory]
    [InlineData("whitespace only", "   ")]
    [InlineData("4000 characters", "4000")]
    [InlineData("4000 code points of two UTF-16 units each", "4000-astral")]
    [InlineData("one character", "x")]
    public async Task Post_accepts_names_within_1_to_4000_code_points(string rule, string name)
    {
        await using var emulator = await StartAsync();
        var displayName = name switch
        {
            "4000" => new string('n', 4000),
            "4000-astral" => string.Concat(Enumerable.Repeat("\U0001F600", 4000)),
            _ => name,
        };
        var reply = await emulator.PostGroupAsync(GroupJson(displayName));
        Assert.True(reply.Status == 201, $"{rule}: {reply}");
        Assert.Equal(displayName, (string?)reply.Object["displayName"]);
        Assert.Equal("[]", reply.Object["members"]!.ToJsonString());
    }

    [Fact]
    public async Task Names_are_not_unique()
    {
        await using var emulator = await StartAsync();
        var first = await emulator.CreateGroupAsync("Sales");
        var second = await emulator.CreateGroupAsync("Sales");
        Assert.NotEqual(first, second);
        Assert.Equal(2, (await emulator.ControlGroupsAsync()).Count);
    }

    [Fact]
    public async Task Keys_are_case_insensitive_and_member_ids_may_be_upper_case()
    {
        await using var emulator = await StartAsync();
        var member = (await emulator.ActiveUsersAsync(1))[0];
        var body = $$"""{"SCHEMAS":[],"DisplayName":"Ops","Members":[{"VALUE":"{{member.ToUpperInvariant()}}","Type":"User","$REF":"x"}]}""";

        var reply = await emulator.PostGroupAsync(body);

        Assert.Equal(201, reply.Status);
        Assert.Equal([member], MemberIds(reply.Object));
    }

    [Fact]
    public async Task Suspended_users_can_be_members()
    {
        await using var emulator = await StartAsync();
        var member = (await emulator.ActiveUsersAsync(1))[0];
        var suspend = await emulator.PutUserAsync(member, TestEmulator.UserJson("member0", "member0@example.com", "\"active\":false"));
        Assert.False((bool)suspend.Object["active"]!);

        Assert.Equal(201, (await emulator.PostGroupAsync(GroupJson("Ops", member))).Status);
    }

    [Theory]
    [InlineData(null, "authorization failed: Token not provided")]
    [InlineData("wrong-token", "authorization failed: Invalid SCIM token")]
    public async Task A_valid_body_without_a_valid_token_is_401(string? token, string detail)
    {
        await using var emulator = await StartAsync();
        ScimAssert.Error(await emulator.PostGroupAsync(GroupJson("Ops"), token), 401, null, detail);
        Assert.Empty(await emulator.ControlGroupsAsync());
    }
}

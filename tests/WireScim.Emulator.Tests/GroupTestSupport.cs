using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>Group requests and fixtures: member placeholders in table rows are filled with real ids of the run.</summary>
internal static class GroupTestSupport
{
    public const string GroupsPath = "scim/v2/Groups";

    public static string Member(string id, string? type = "User", string? reference = "https://example.com/Users/x")
    {
        var member = new JsonObject { ["value"] = id };
        if (type is not null) member["type"] = type;
        if (reference is not null) member["$ref"] = reference;
        return member.ToJsonString();
    }

    public static string GroupJson(string displayName, params string[] memberIds) =>
        $$"""{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":{{JsonValue.Create(displayName).ToJsonString()}},"members":[{{string.Join(",", memberIds.Select(id => Member(id)))}}]}""";

    public static Task<Reply> PostGroupAsync(this TestEmulator emulator, string json, string? token = TestEmulator.Token) =>
        emulator.SendAsync(HttpMethod.Post, GroupsPath, json, token);

    public static Task<Reply> PutGroupAsync(this TestEmulator emulator, string id, string json, string? token = TestEmulator.Token) =>
        emulator.SendAsync(HttpMethod.Put, $"{GroupsPath}/{id}", json, token);

    public static Task<Reply> GetGroupAsync(this TestEmulator emulator, string id, string? token = TestEmulator.Token) =>
        emulator.SendAsync(HttpMethod.Get, $"{GroupsPath}/{id}", token: token);

    public static Task<Reply> DeleteGroupAsync(this TestEmulator emulator, string id, string? token = TestEmulator.Token) =>
        emulator.SendAsync(HttpMethod.Delete, $"{GroupsPath}/{id}", token: token);

    public static Task<Reply> ListGroupsAsync(this TestEmulator emulator, string query = "", string? token = TestEmulator.Token) =>
        emulator.SendAsync(HttpMethod.Get, GroupsPath + (query.Length > 0 ? "?" + query : ""), token: token);

    public static string FilterQuery(string filter) => "filter=" + Uri.EscapeDataString(filter);

    /// <summary>Creates a SCIM group; fails the test unless the answer is 201. Returns the id.</summary>
    public static async Task<string> CreateGroupAsync(this TestEmulator emulator, string displayName, params string[] memberIds)
    {
        var reply = await emulator.PostGroupAsync(GroupJson(displayName, memberIds));
        Assert.True(reply.Status == 201, reply.ToString());
        return (string)reply.Object["id"]!;
    }

    /// <summary>A group made in Team Settings (managed by Wire), through the control endpoint.</summary>
    public static async Task<string> SeedWireGroupAsync(this TestEmulator emulator, string displayName, params string[] memberIds)
    {
        var body = new JsonObject { ["displayName"] = displayName, ["members"] = new JsonArray(memberIds.Select(m => (JsonNode)m).ToArray()) };
        var reply = await emulator.SendAsync(HttpMethod.Post, "_emulator/groups", body.ToJsonString(), token: null, contentType: "application/json");
        Assert.True(reply.Status == 201, reply.ToString());
        return (string)reply.Object["id"]!;
    }

    public static async Task<JsonArray> ControlGroupsAsync(this TestEmulator emulator) =>
        (await emulator.SendAsync(HttpMethod.Get, "_emulator/groups", token: null)).Json.AsArray();

    public static async Task<JsonObject> ControlGroupAsync(this TestEmulator emulator, string id) =>
        (await emulator.ControlGroupsAsync()).Single(g => (string?)g!["id"] == id)!.AsObject();

    /// <summary>SCIM-created users that have accepted their invitation: eligible group members.</summary>
    public static async Task<string[]> ActiveUsersAsync(this TestEmulator emulator, int count, string prefix = "member")
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = (string)(await emulator.CreateUserAsync($"{prefix}{i}", $"{prefix}{i}@example.com"))["id"]!;
            var accepted = await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null);
            Assert.Equal(200, accepted.Status);
            ids.Add(id);
        }
        return ids.ToArray();
    }

    /// <summary>A SCIM-created user still waiting for the invitation to be accepted.</summary>
    public static async Task<string> PendingUserAsync(this TestEmulator emulator, string userName = "pending1") =>
        (string)(await emulator.CreateUserAsync(userName, $"{userName}@example.com"))["id"]!;

    /// <summary>A team member managed by Wire (Team Settings), or with <paramref name="pending"/> an open Team-Settings invitation.</summary>
    public static async Task<string> WireMemberAsync(this TestEmulator emulator, string handle, bool pending = false)
    {
        var body = new JsonObject { ["handle"] = handle, ["displayName"] = handle, ["email"] = $"{handle}@example.com", ["pending"] = pending };
        var reply = await emulator.SendAsync(HttpMethod.Post, "_emulator/members", body.ToJsonString(), token: null, contentType: "application/json");
        Assert.True(reply.Status == 201, reply.ToString());
        return (string)reply.Object["id"]!;
    }

    /// <summary>The ids a table row names: {a0}, {a1} active SCIM users, {pending} a SCIM invitee, {wire} a Team-Settings
    /// member, {invited} an open Team-Settings invitation, {missing} no user.</summary>
    public sealed record MemberFixture(string[] Active, string Pending, string Wire, string Invited, string Missing)
    {
        public static async Task<MemberFixture> CreateAsync(TestEmulator emulator) => new(
            await emulator.ActiveUsersAsync(2), await emulator.PendingUserAsync(), await emulator.WireMemberAsync("teamsettings1"),
            await emulator.WireMemberAsync("invited1", pending: true), Guid.NewGuid().ToString());

        public string Fill(string text) => text.Replace("{a0}", Active[0]).Replace("{a1}", Active[1]).Replace("{pending}", Pending)
            .Replace("{wire}", Wire).Replace("{invited}", Invited).Replace("{missing}", Missing);

        public string[] Ids(string members) => members.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Fill).ToArray();
    }

    public static string[] MemberIds(JsonNode group) =>
        group["members"]!.AsArray().Select(m => (string)m!["value"]!).ToArray();

    public static Task<TestEmulator> StartAsync(string release = "5.25", Action<EmulatorOptions>? configure = null) =>
        TestEmulator.StartAsync(o =>
        {
            o.Release = release;
            configure?.Invoke(o);
        });
}

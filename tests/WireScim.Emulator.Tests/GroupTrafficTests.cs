using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;
using static WireScim.Emulator.Tests.GroupTestSupport;

namespace WireScim.Emulator.Tests;

public sealed class GroupTrafficTests
{
    [Fact]
    public async Task List_and_create_share_one_nginz_bucket_and_each_group_has_its_own()
    {
        // A rate so low that nothing refills during the test: each bucket admits exactly burst + 1.
        await using var emulator = await StartAsync(configure: o => { o.Rate = 0.0001; o.Burst = 2; });
        var create = await emulator.PostGroupAsync(GroupJson("Ops"));
        var id = (string)create.Object["id"]!;
        var list = await emulator.ListGroupsAsync("count=1");
        var secondCreate = await emulator.PostGroupAsync(GroupJson("Ops 2"));
        var throttledList = await emulator.ListGroupsAsync("filter=displayName%20co%20%22x%22");
        var throttledCreate = await emulator.PostGroupAsync(GroupJson("Ops 3"));

        Assert.Equal([201, 200, 201, 420, 420], new[] { create, list, secondCreate, throttledList, throttledCreate }.Select(r => r.Status));
        Assert.Equal(200, (await emulator.GetGroupAsync(id)).Status);
        Assert.Equal(2, (await emulator.ControlGroupsAsync()).Count);
        Assert.Equal(2, emulator.Server.Stats.Throttled);
        Assert.Equal(3, emulator.Server.Stats.RouteCount("POST /scim/v2/Groups"));
    }

    [Theory]
    [InlineData("scim")]
    [InlineData("wire")]
    public async Task A_500_fault_answers_before_the_group_is_made(string envelope)
    {
        await using var emulator = await StartAsync(configure: o => { o.FaultRate = 1; o.FaultKinds.Add("500"); o.ErrorEnvelope = envelope; });
        var reply = await emulator.PostGroupAsync(GroupJson("Ops"));
        Assert.Equal(500, reply.Status);
        Assert.Empty(await emulator.ControlGroupsAsync());
        Assert.Equal(1, emulator.Server.Stats.FaultCount("500"));
    }

    [Fact]
    public async Task A_commit_drop_fault_makes_the_group_but_never_answers()
    {
        await using var emulator = await StartAsync(configure: o => { o.FaultRate = 1; o.FaultKinds.Add("commit-drop"); });
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostGroupAsync(GroupJson("Ops")));
        Assert.Equal("Ops", (string?)(await emulator.ControlGroupsAsync()).Single()!["displayName"]);
        Assert.Equal(1, emulator.Server.Stats.FaultCount("commit-drop"));
    }

    [Fact]
    public async Task The_wire_envelope_wraps_group_errors_and_nested_brig_errors()
    {
        await using var emulator = await StartAsync(configure: o => o.ErrorEnvelope = "wire");
        var unknown = Guid.NewGuid().ToString();

        var notFound = await emulator.GetGroupAsync(unknown);
        ScimAssert.WireError(notFound, 404, "scim-error");
        ScimAssert.AssertScimErrorBody(JsonNode.Parse((string)notFound.Object["message"]!)!.AsObject(), 404, null, $"Group {unknown} not found");

        var missingMember = await emulator.PostGroupAsync(GroupJson("Ops", unknown));
        ScimAssert.WireError(missingMember, 500, "scim-error");
        var inner = JsonNode.Parse((string)missingMember.Object["message"]!)!.AsObject();
        Assert.Equal("user-group-invalid", (string?)JsonNode.Parse((string)inner["detail"]!)!["label"]);
    }

    [Fact]
    public async Task Stats_count_group_requests_per_method_and_route()
    {
        await using var emulator = await StartAsync();
        var id = await emulator.CreateGroupAsync("Ops");
        await emulator.ListGroupsAsync();
        await emulator.GetGroupAsync(id);
        await emulator.PutGroupAsync(id, GroupJson("Ops"));
        await emulator.SendAsync(HttpMethod.Patch, $"{GroupsPath}/{id}", "{}");
        await emulator.DeleteGroupAsync(id);
        await emulator.SendAsync(HttpMethod.Get, "_emulator/groups", token: null);

        var stats = emulator.Server.Stats;
        Assert.Equal(1, stats.RouteCount("POST /scim/v2/Groups"));
        Assert.Equal(1, stats.RouteCount("GET /scim/v2/Groups"));
        Assert.Equal(1, stats.RouteCount("GET /scim/v2/Groups/{id}"));
        Assert.Equal(1, stats.RouteCount("PUT /scim/v2/Groups/{id}"));
        Assert.Equal(1, stats.RouteCount("PATCH /scim/v2/Groups/{id}"));
        Assert.Equal(1, stats.RouteCount("DELETE /scim/v2/Groups/{id}"));
        Assert.Equal(4, stats.GroupWrites);
        Assert.Equal(2, stats.GroupLookups);
        Assert.Equal(0, stats.Writes);

        var overHttp = (await emulator.SendAsync(HttpMethod.Get, "_emulator/stats", token: null)).Object;
        Assert.Equal(4, (int)overHttp["groupWrites"]!);
        Assert.Equal(2, (int)overHttp["groupLookups"]!);
        Assert.Equal(1, (int)overHttp["groupRequests"]!["PATCH"]!);
        Assert.Equal(2, (int)overHttp["groupRequests"]!["GET"]!);
        Assert.Equal(1, (int)overHttp["routes"]!["PATCH /scim/v2/Groups/{id}"]!);

        await emulator.SendAsync(HttpMethod.Post, "_emulator/stats/reset", token: null);
        Assert.Equal(0, stats.GroupWrites);
        Assert.Empty(stats.GroupRequests);
    }
}

public sealed class GroupControlTests
{
    [Fact]
    public async Task Groups_survive_a_restart_with_a_data_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wirescim-groups-" + Guid.NewGuid().ToString("N"));
        var dataFile = Path.Combine(directory, "state.json");
        try
        {
            string scimGroup, wireGroup, before, firstBase;
            string[] users;
            await using (var first = await StartAsync(configure: o => o.DataFile = dataFile))
            {
                users = await first.ActiveUsersAsync(2);
                scimGroup = await first.CreateGroupAsync("Ops", users);
                wireGroup = await first.SeedWireGroupAsync("Board", users[0]);
                before = (await first.GetGroupAsync(scimGroup)).Body;
                firstBase = first.Server.BaseUri.ToString();
            }

            await using var second = await StartAsync(configure: o => o.DataFile = dataFile);
            var reloaded = await second.GetGroupAsync(scimGroup);
            Assert.Equal(200, reloaded.Status);
            Assert.Equal(before.Replace(firstBase, second.Server.BaseUri.ToString()), reloaded.Body);
            Assert.Equal("wire", (string?)(await second.ControlGroupAsync(wireGroup))["managedBy"]);
            Assert.Equal(users.Order(StringComparer.Ordinal), MemberIds(reloaded.Object));
        }
        finally
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Team_Settings_groups_can_be_seeded_changed_and_deleted()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(2);
        var id = await emulator.SeedWireGroupAsync("Board", users[1], users[0], users[1]);

        var seeded = await emulator.ControlGroupAsync(id);
        Assert.Equal("wire", (string?)seeded["managedBy"]);
        Assert.Equal(users.Order(StringComparer.Ordinal), seeded["members"]!.AsArray().Select(m => (string)m!));

        var scimGroup = await emulator.CreateGroupAsync("Ops", users[0]);
        var changed = await emulator.SendAsync(HttpMethod.Put, $"_emulator/groups/{scimGroup}", """{"displayName":"Ops renamed in Team Settings"}""", token: null, contentType: "application/json");
        Assert.Equal(200, changed.Status);
        Assert.Equal("scim", (string?)changed.Object["managedBy"]);
        Assert.Equal("Ops renamed in Team Settings", (string?)(await emulator.GetGroupAsync(scimGroup)).Object["displayName"]);
        Assert.Equal([users[0]], MemberIds((await emulator.GetGroupAsync(scimGroup)).Object));

        Assert.Equal(204, (await emulator.SendAsync(HttpMethod.Delete, $"_emulator/groups/{scimGroup}", token: null)).Status);
        Assert.Equal(404, (await emulator.GetGroupAsync(scimGroup)).Status);
        Assert.Equal(404, (await emulator.SendAsync(HttpMethod.Delete, $"_emulator/groups/{scimGroup}", token: null)).Status);
    }

    [Theory]
    [InlineData("no displayName", """{"members":[]}""")]
    [InlineData("members not an array", """{"displayName":"x","members":"a"}""")]
    [InlineData("a member that is not an id", """{"displayName":"x","members":["bob"]}""")]
    [InlineData("an unknown user", """{"displayName":"x","members":["3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60"]}""")]
    public async Task Seeding_refuses_bad_bodies(string rule, string body)
    {
        await using var emulator = await StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "_emulator/groups", body, token: null, contentType: "application/json");
        Assert.True(reply.Status == 400, $"{rule}: {reply}");
        Assert.Empty(await emulator.ControlGroupsAsync());
    }

    [Fact]
    public async Task Pending_invitees_cannot_be_seeded_as_members()
    {
        await using var emulator = await StartAsync();
        var pending = await emulator.PendingUserAsync();
        var reply = await emulator.SendAsync(HttpMethod.Post, "_emulator/groups", $$"""{"displayName":"x","members":["{{pending}}"]}""", token: null, contentType: "application/json");
        Assert.Equal(400, reply.Status);
        Assert.Contains(pending, reply.Body);
    }
}

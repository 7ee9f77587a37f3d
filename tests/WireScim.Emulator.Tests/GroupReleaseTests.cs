using System;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;
using static WireScim.Emulator.Tests.GroupTestSupport;

namespace WireScim.Emulator.Tests;

public sealed class GroupReleaseTests
{
    [Theory]
    [InlineData("POST", "scim/v2/Groups")]
    [InlineData("GET", "scim/v2/Groups")]
    [InlineData("GET", "scim/v2/Groups?count=1")]
    [InlineData("GET", "scim/v2/Groups/3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60")]
    [InlineData("GET", "scim/v2/Groups/not-a-uuid")]
    [InlineData("PUT", "scim/v2/Groups/3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60")]
    [InlineData("PATCH", "scim/v2/Groups/3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60")]
    [InlineData("DELETE", "scim/v2/Groups/3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60")]
    [InlineData("DELETE", "scim/v2/Groups")]
    public async Task Release_5_23_has_no_Groups_route(string method, string path)
    {
        await using var emulator = await StartAsync("5.23");
        var reply = await emulator.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" or "PATCH" ? GroupJson("Ops") : null);
        Assert.Equal(404, reply.Status);
        Assert.Equal("", reply.Body);
        Assert.Empty(await emulator.ControlGroupsAsync());
        Assert.Equal(1, emulator.Server.Stats.GroupRequests[method]);
    }

    [Fact]
    public async Task Release_5_24_lists_every_group_by_name_and_ignores_paging()
    {
        await using var emulator = await StartAsync("5.24");
        foreach (var name in new[] { "Zeta", "alpha", "Beta", "Gamma" }) await emulator.CreateGroupAsync(name);
        await emulator.SeedWireGroupAsync("Delta");

        var reply = await emulator.ListGroupsAsync("count=1&startIndex=not-a-number");

        Assert.Equal(200, reply.Status);
        Assert.Equal(["Beta", "Delta", "Gamma", "Zeta", "alpha"], reply.Object["Resources"]!.AsArray().Select(g => (string)g!["displayName"]!));
        Assert.Equal(5, (int)reply.Object["totalResults"]!);
        Assert.Equal(5, (int)reply.Object["itemsPerPage"]!);
        Assert.Equal(1, (int)reply.Object["startIndex"]!);

        var filtered = await emulator.ListGroupsAsync(FilterQuery("displayName co \"ta\""));
        Assert.Equal(["Beta", "Delta", "Zeta"], filtered.Object["Resources"]!.AsArray().Select(g => (string)g!["displayName"]!));
        ScimAssert.Error(await emulator.ListGroupsAsync(FilterQuery("displayName eq \"Beta\"")), 500, null, """{"code":500,"label":"internal-error","message":""}""");
    }

    [Fact]
    public async Task Release_5_24_lists_at_most_500_groups()
    {
        await using var emulator = await StartAsync("5.24");
        await Task.WhenAll(Enumerable.Range(0, 502).Select(i => emulator.CreateGroupAsync($"G{i}")));
        var reply = await emulator.ListGroupsAsync();
        Assert.Equal(500, (int)reply.Object["totalResults"]!);
        Assert.Equal(500, reply.Object["Resources"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_release_switches_at_run_time_and_keeps_the_groups()
    {
        await using var emulator = await StartAsync("5.25");
        var id = await emulator.CreateGroupAsync("Ops");

        var switched = await emulator.SendAsync(HttpMethod.Post, "_emulator/release", """{"release":"5.23"}""", token: null, contentType: "application/json");
        Assert.Equal(200, switched.Status);
        Assert.Equal("5.23", (string?)switched.Object["release"]);
        Assert.Equal("none", (string?)switched.Object["groups"]);
        Assert.Equal(404, (await emulator.GetGroupAsync(id)).Status);

        await emulator.SendAsync(HttpMethod.Post, "_emulator/release", """{"release":"5.24"}""", token: null, contentType: "application/json");
        Assert.Equal(200, (await emulator.GetGroupAsync(id)).Status);
        var current = await emulator.SendAsync(HttpMethod.Get, "_emulator/release", token: null);
        Assert.Equal("unpaged", (string?)current.Object["groups"]);

        Assert.Equal(400, (await emulator.SendAsync(HttpMethod.Post, "_emulator/release", """{"release":"6.0"}""", token: null, contentType: "application/json")).Status);
        Assert.Equal("5.24", (string?)(await emulator.SendAsync(HttpMethod.Get, "_emulator/release", token: null)).Object["release"]);
    }

    [Theory]
    [InlineData("5.23", true)]
    [InlineData("5.24", true)]
    [InlineData("5.25", true)]
    [InlineData("5.29.1", true)]
    [InlineData("6.0", false)]
    [InlineData("5", false)]
    [InlineData("latest", false)]
    public void The_release_option_takes_5_x_releases(string value, bool valid)
    {
        if (valid)
        {
            Assert.Equal(value, EmulatorOptions.Parse(["--release", value]).Release);
        }
        else
        {
            var error = Assert.Throws<ArgumentException>(() => EmulatorOptions.Parse(["--release", value]));
            Assert.Contains("--release", error.Message);
            Assert.Contains(value, error.Message);
        }
    }

    [Fact]
    public async Task The_default_release_pages_groups_and_a_bad_programmatic_release_is_refused()
    {
        Assert.Equal("5.25", new EmulatorOptions().Release);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Release = "6.0" }));
        Assert.Contains("6.0", error.Message);
    }
}

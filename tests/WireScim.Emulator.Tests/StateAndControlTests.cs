using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "wirescim-emulator-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Users_and_tokens_survive_a_restart()
    {
        var dataFile = Path.Combine(directory, "state.json");
        JsonObject user;
        JsonObject token;
        await using (var first = await TestEmulator.StartAsync(o => o.DataFile = dataFile))
        {
            user = await first.CreateUserAsync("alice", "alice@example.com", """ "urn:ietf:params:scim:schemas:extension:wire:1.0:User":{"Dept":"Sales"} """);
            token = await first.CreateTokenAsync("v8/", new JsonObject { ["name"] = "kept" });
            await first.SendAsync(HttpMethod.Post, "_emulator/members", """{"handle":"owner1","displayName":"Olga","email":"olga@example.com"}""",
                token: null, contentType: "application/json");
        }
        Assert.True(File.Exists(dataFile));
        Assert.False(File.Exists(dataFile + ".tmp"));

        await using var second = await TestEmulator.StartAsync(o => o.DataFile = dataFile);
        var reloaded = await second.GetUserAsync((string)user["id"]!, (string)token["token"]!);
        Assert.Equal(200, reloaded.Status);
        user["meta"]!["location"] = reloaded.Object["meta"]!["location"]!.DeepClone();
        Assert.Equal(user.ToJsonString(), reloaded.Object.ToJsonString());

        var access = await second.LoginAsync();
        var tokens = await second.TokenApiAsync(HttpMethod.Get, "v8/scim/auth-tokens", access);
        var kept = tokens.Object["tokens"]!.AsArray().Single(t => (string?)t!["name"] == "kept")!;
        Assert.Equal((string?)token["info"]!["team"], (string?)kept["team"]);
        Assert.Equal(2, tokens.Object["tokens"]!.AsArray().Count); // the seeded token is not duplicated
        var listed = await second.SendAsync(HttpMethod.Get, "_emulator/users", token: null);
        Assert.Contains(listed.Json.AsArray(), u => (string?)u!["userName"] == "owner1" && (string?)u["managedBy"] == "wire");
    }

    [Fact]
    public async Task A_corrupt_data_file_is_reported()
    {
        Directory.CreateDirectory(directory);
        var dataFile = Path.Combine(directory, "state.json");
        await File.WriteAllTextAsync(dataFile, "not json");
        await Assert.ThrowsAsync<InvalidDataException>(() => EmulatorServer.StartAsync(new EmulatorOptions { DataFile = dataFile }));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}

public sealed class ControlEndpointTests
{
    [Fact]
    public async Task Stats_count_every_route_writes_and_lookups()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("alice", "alice@example.com"))["id"]!;
        await emulator.FilterAsync("userName eq \"alice\"");
        await emulator.GetUserAsync(id);
        await emulator.PutUserAsync(id, TestEmulator.UserJson("alice", "alice@example.com"));
        await emulator.PatchUserAsync(id);
        await emulator.DeleteUserAsync(id);
        await emulator.CreateTokenAsync();
        await emulator.SendAsync(HttpMethod.Get, "scim/v2/ServiceProviderConfig", token: null);
        await emulator.SendAsync(HttpMethod.Get, "_emulator/users", token: null);

        var stats = emulator.Server.Stats;
        Assert.Equal(1, stats.RouteCount("POST /scim/v2/Users"));
        Assert.Equal(1, stats.RouteCount("GET /scim/v2/Users"));
        Assert.Equal(1, stats.RouteCount("GET /scim/v2/Users/{id}"));
        Assert.Equal(1, stats.RouteCount("PUT /scim/v2/Users/{id}"));
        Assert.Equal(1, stats.RouteCount("PATCH /scim/v2/Users/{id}"));
        Assert.Equal(1, stats.RouteCount("DELETE /scim/v2/Users/{id}"));
        Assert.Equal(1, stats.RouteCount("POST /login"));
        Assert.Equal(1, stats.RouteCount("POST /scim/auth-tokens"));
        Assert.Equal(1, stats.RouteCount("GET /scim/v2/ServiceProviderConfig"));
        Assert.Equal(4, stats.Writes);
        Assert.Equal(2, stats.Lookups);
        Assert.Equal(9, stats.TotalRequests);

        var overHttp = await emulator.SendAsync(HttpMethod.Get, "_emulator/stats", token: null);
        Assert.Equal(9, (int)overHttp.Object["totalRequests"]!);
        Assert.Equal(4, (int)overHttp.Object["writes"]!);
        Assert.Equal(1, (int)overHttp.Object["routes"]!["PATCH /scim/v2/Users/{id}"]!);

        Assert.Equal(204, (await emulator.SendAsync(HttpMethod.Post, "_emulator/stats/reset", token: null)).Status);
        Assert.Equal(0, stats.TotalRequests);
        Assert.Empty(stats.Routes);
    }

    [Fact]
    public async Task Users_endpoint_lists_everything_and_accept_invitation_activates()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("bob", "bob@example.com", """ "roles":["admin"] """))["id"]!;
        await emulator.CreateUserAsync("carol", "carol@example.com");

        var all = await emulator.SendAsync(HttpMethod.Get, "_emulator/users", token: null);
        Assert.Equal(["bob", "carol"], all.Json.AsArray().Select(u => (string)u!["userName"]!));
        Assert.Equal(2, emulator.Server.SnapshotUsers().Count);

        var accepted = await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null);
        Assert.Equal(200, accepted.Status);
        var user = (await emulator.GetUserAsync(id)).Object;
        Assert.True((bool)user["active"]!);
        Assert.Equal("""["admin"]""", user["roles"]!.ToJsonString());
        Assert.Equal(404, (await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{Guid.NewGuid()}/accept-invitation", token: null)).Status);
    }
}

public sealed class InvitationExpiryTests
{
    [Fact]
    public async Task An_expired_invitation_frees_userName_and_externalId_for_a_new_id()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("dora", "dora@example.com"))["id"]!;

        Assert.Equal(204, (await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/expire-invitation", token: null)).Status);
        Assert.Equal(404, (await emulator.GetUserAsync(id)).Status);
        var again = await emulator.CreateUserAsync("dora", "dora@example.com");
        Assert.NotEqual(id, (string?)again["id"]);

        await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{again["id"]}/accept-invitation", token: null);
        Assert.Equal(404, (await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{again["id"]}/expire-invitation", token: null)).Status);
    }
}

public sealed class ConcurrencyTests
{
    [Fact]
    public async Task Parallel_creates_of_different_users_all_succeed()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var replies = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => emulator.PostUserAsync(TestEmulator.UserJson($"user{i}", $"user{i}@example.com"))));
        Assert.All(replies, r => Assert.Equal(201, r.Status));
        Assert.Equal(64, emulator.Server.SnapshotUsers().Select(u => (string?)u["id"]).Distinct().Count());
    }

    [Fact]
    public async Task Parallel_creates_of_the_same_user_give_one_201_and_the_rest_409()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var replies = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => emulator.PostUserAsync(TestEmulator.UserJson("same", "same@example.com"))));
        Assert.Equal(1, replies.Count(r => r.Status == 201));
        Assert.Equal(31, replies.Count(r => r.Status == 409));
        Assert.Single(emulator.Server.SnapshotUsers());
    }

    [Fact]
    public async Task Parallel_patches_do_not_lose_updates()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("alice", "alice@example.com"))["id"]!;
        var replies = await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            emulator.PatchUserAsync(id, $$"""{"op":"add","path":"urn:ietf:params:scim:schemas:extension:wire:1.0:User:Key{{i}}","value":"v{{i}}"}""")));
        Assert.All(replies, r => Assert.Equal(200, r.Status));
        var user = (await emulator.GetUserAsync(id)).Object;
        Assert.Equal(32, user["urn:ietf:params:scim:schemas:extension:wire:1.0:User"]!.AsObject().Count);
    }
}

using System;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class UserDeleteTests
{
    [Fact]
    public async Task Delete_is_204_then_the_user_is_gone_and_its_keys_reusable()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("alice", "alice@example.com");
        var id = (string)user["id"]!;

        var deleted = await emulator.DeleteUserAsync(id);
        Assert.Equal(204, deleted.Status);
        Assert.Equal("", deleted.Body);
        Assert.Equal(404, (await emulator.GetUserAsync(id)).Status);
        Assert.Equal(0, (int)(await emulator.FilterAsync("userName eq \"alice\"")).Object["totalResults"]!);

        var again = await emulator.CreateUserAsync("alice", "alice@example.com");
        Assert.NotEqual(id, (string?)again["id"]);
    }

    [Fact]
    public async Task Delete_is_204_for_repeats_and_unknown_ids()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("bob", "bob@example.com"))["id"]!;
        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);
        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);
        Assert.Equal(204, (await emulator.DeleteUserAsync(Guid.NewGuid().ToString())).Status);
    }

    [Fact]
    public async Task Delete_without_an_id_is_405()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal(405, (await emulator.SendAsync(HttpMethod.Delete, "scim/v2/Users")).Status);
    }
}

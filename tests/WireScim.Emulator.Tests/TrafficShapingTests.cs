using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class RateLimitTests
{
    private const string FilterPath = "scim/v2/Users?filter=userName%20eq%20%22alice%22";

    [Fact]
    public async Task A_parallel_burst_is_cut_to_burst_plus_what_the_rate_refills()
    {
        await using var emulator = await TestEmulator.StartAsync(o => { o.Rate = 20; o.Burst = 5; });
        var stopwatch = Stopwatch.StartNew();
        var replies = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => emulator.SendAsync(HttpMethod.Get, FilterPath)));
        var elapsedSeconds = stopwatch.Elapsed.TotalSeconds;

        var allowed = replies.Count(r => r.Status == 200);
        var throttled = replies.Count(r => r.Status == 420);
        Assert.Equal(60, allowed + throttled);
        Assert.InRange(allowed, 6, 6 + (int)Math.Ceiling(20 * elapsedSeconds) + 1);
        Assert.Equal(throttled, emulator.Server.Stats.Throttled);
        Assert.Equal(60, emulator.Server.Stats.RouteCount("GET /scim/v2/Users"));

        var sample = replies.First(r => r.Status == 420);
        Assert.False(sample.Headers.Contains("Retry-After"), "nginx's limit_req sends no Retry-After");
        Assert.StartsWith("text/html", sample.ContentType);
        Assert.Contains("nginx", sample.Body);
    }

    [Fact]
    public async Task Each_path_has_its_own_bucket_and_the_query_does_not_count()
    {
        // A rate so low that nothing refills during the test: each bucket admits exactly burst + 1.
        await using var emulator = await TestEmulator.StartAsync(o => { o.Rate = 0.0001; o.Burst = 2; });
        var id = Guid.NewGuid();

        var users = await SequentialStatuses(emulator, 5, i => $"scim/v2/Users?filter=userName%20eq%20%22u{i}%22");
        var one = await SequentialStatuses(emulator, 5, _ => $"scim/v2/Users/{id}");
        var other = await SequentialStatuses(emulator, 5, _ => $"scim/v2/Users/{Guid.NewGuid()}");
        var versioned = await SequentialStatuses(emulator, 5, i => $"v8/scim/v2/Users?filter=userName%20eq%20%22u{i}%22");

        Assert.Equal([200, 200, 200, 420, 420], users);
        Assert.Equal([404, 404, 404, 420, 420], one);
        Assert.Equal([404, 404, 404, 404, 404], other);
        Assert.Equal([200, 200, 200, 420, 420], versioned);
        Assert.Equal(6, emulator.Server.Stats.Throttled);
    }

    [Fact]
    public async Task Token_api_and_control_endpoints_are_not_throttled_and_429_is_configurable()
    {
        await using var emulator = await TestEmulator.StartAsync(o => { o.Rate = 0.0001; o.Burst = 0; o.ThrottleStatus = 429; });
        Assert.Equal(new[] { 200, 429, 429 }, await SequentialStatuses(emulator, 3, _ => FilterPath));
        Assert.Equal(new[] { 200, 200, 200 }, await SequentialStatuses(emulator, 3, _ => "api-version"));
        Assert.Equal(new[] { 200, 200, 200 }, await SequentialStatuses(emulator, 3, _ => "_emulator/stats"));
    }

    private static async Task<int[]> SequentialStatuses(TestEmulator emulator, int count, Func<int, string> path)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++) statuses[i] = (await emulator.SendAsync(HttpMethod.Get, path(i))).Status;
        return statuses;
    }
}

public sealed class FaultTests
{
    private static Task<TestEmulator> StartWithFault(string kind) => TestEmulator.StartAsync(o =>
    {
        o.FaultRate = 1;
        o.FaultKinds.Add(kind);
    });

    [Theory]
    [InlineData("scim")]
    [InlineData("wire")]
    public async Task Fault_500_answers_before_doing_anything(string envelope)
    {
        await using var emulator = await TestEmulator.StartAsync(o => { o.FaultRate = 1; o.FaultKinds.Add("500"); o.ErrorEnvelope = envelope; });
        var reply = await emulator.PostUserAsync(TestEmulator.UserJson("alice", "alice@example.com"));
        Assert.Equal(500, reply.Status);
        Assert.Empty(emulator.Server.SnapshotUsers());
        Assert.Equal(1, emulator.Server.Stats.FaultCount("500"));
    }

    [Fact]
    public async Task Fault_503_carries_retry_after()
    {
        await using var emulator = await StartWithFault("503");
        var reply = await emulator.PostUserAsync(TestEmulator.UserJson("alice", "alice@example.com"));
        Assert.Equal(503, reply.Status);
        Assert.Equal("1", reply.Headers.GetValues("Retry-After").Single());
        Assert.Empty(emulator.Server.SnapshotUsers());
        Assert.Equal(1, emulator.Server.Stats.FaultCount("503"));
    }

    [Fact]
    public async Task Fault_reset_drops_the_connection_before_doing_anything()
    {
        await using var emulator = await StartWithFault("reset");
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostUserAsync(TestEmulator.UserJson("alice", "alice@example.com")));
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.FilterAsync("userName eq \"alice\""));
        Assert.Empty(emulator.Server.SnapshotUsers());
        Assert.Equal(2, emulator.Server.Stats.FaultCount("reset"));
    }

    [Fact]
    public async Task Fault_commit_drop_performs_the_write_but_never_answers()
    {
        await using var emulator = await StartWithFault("commit-drop");
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.PostUserAsync(TestEmulator.UserJson("alice", "alice@example.com")));

        var stored = Assert.Single(emulator.Server.SnapshotUsers());
        Assert.Equal("alice", (string?)stored["userName"]);
        // lookups are not writes: they pass and find the user
        var found = await emulator.FilterAsync("externalId eq \"alice@example.com\"");
        Assert.Equal(1, (int)found.Object["totalResults"]!);
        Assert.Equal(1, emulator.Server.Stats.FaultCount("commit-drop"));

        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.DeleteUserAsync((string)stored["id"]!));
        Assert.Empty(emulator.Server.SnapshotUsers());
    }

    [Fact]
    public async Task The_token_api_is_never_faulted()
    {
        await using var emulator = await StartWithFault("500");
        await emulator.CreateTokenAsync();
    }

    [Fact]
    public async Task Faults_are_reproducible_from_the_seed()
    {
        async Task<string> Outcomes()
        {
            await using var emulator = await TestEmulator.StartAsync(o => { o.FaultRate = 0.5; o.FaultKinds.Add("500"); o.FaultKinds.Add("503"); o.Seed = 42; });
            var statuses = new int[30];
            for (var i = 0; i < statuses.Length; i++) statuses[i] = (await emulator.FilterAsync($"userName eq \"u{i}\"")).Status;
            return string.Join(",", statuses);
        }

        var first = await Outcomes();
        Assert.Equal(first, await Outcomes());
        Assert.Contains("200", first);
        Assert.Contains("50", first);
    }

    [Fact]
    public async Task Latency_delays_without_breaking_parallel_requests()
    {
        await using var emulator = await TestEmulator.StartAsync(o => o.LatencyMs = 20);
        var replies = await Task.WhenAll(Enumerable.Range(0, 64).Select(i => emulator.PostUserAsync(TestEmulator.UserJson($"user{i}", $"user{i}@example.com"))));
        Assert.All(replies, r => Assert.Equal(201, r.Status));
    }
}

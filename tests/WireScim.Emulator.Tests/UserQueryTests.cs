using System;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class UserQueryTests
{
    [Fact]
    public async Task UserName_filter_lowercases_the_value_and_returns_a_list_response()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("alice", "alice@example.com");

        var reply = await emulator.FilterAsync("userName eq \"ALICE\"");

        Assert.Equal(200, reply.Status);
        Assert.Equal(ScimAssert.ScimContentType, ScimAssert.Normalize(reply.ContentType));
        var list = reply.Object;
        Assert.Equal("""["urn:ietf:params:scim:api:messages:2.0:ListResponse"]""", list["schemas"]!.ToJsonString());
        Assert.Equal(1, (int)list["totalResults"]!);
        Assert.Equal(1, (int)list["itemsPerPage"]!);
        Assert.Equal(1, (int)list["startIndex"]!);
        Assert.Equal((string?)user["id"], (string?)list["Resources"]![0]!["id"]);
    }

    [Theory]
    [InlineData("userName eq \"nobody\"")]
    [InlineData("userName eq \"0b6d4a52-1c64-4b2f-a7cf-8b6f3a0c8d11 x\"")]
    [InlineData("userName eq \"jane@example.com\"")]
    [InlineData("externalId eq \"missing@example.com\"")]
    [InlineData("urn:ietf:params:scim:schemas:core:2.0:User:userName eq \"nobody\"")]
    public async Task Misses_and_invalid_handles_give_an_empty_list(string filter)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.FilterAsync(filter);
        Assert.Equal(200, reply.Status);
        Assert.Equal("""{"Resources":[],"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":0,"itemsPerPage":0,"startIndex":1}""", reply.Body);
    }

    [Fact]
    public async Task ExternalId_filter_attribute_names_ignore_case_and_may_carry_the_schema_prefix()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        await emulator.CreateUserAsync("bob", "Bob-External");
        Assert.Equal(1, (int)(await emulator.FilterAsync("externalId eq \"Bob-External\"")).Object["totalResults"]!);
        Assert.Equal(1, (int)(await emulator.FilterAsync("EXTERNALID EQ \"Bob-External\"")).Object["totalResults"]!);
        Assert.Equal(1, (int)(await emulator.FilterAsync("urn:ietf:params:scim:schemas:core:2.0:User:externalId eq \"Bob-External\"")).Object["totalResults"]!);
    }

    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 0)]
    public async Task Only_with_an_IdP_does_the_externalId_filter_find_a_case_variant(bool saml, int expected)
    {
        // With an IdP spar also looks up the SAML NameID, which it compares case-folded; without, the match is exact.
        await using var emulator = saml ? await TestEmulator.StartSamlAsync() : await TestEmulator.StartAsync();
        var bob = await emulator.CreateUserAsync("bob", "Bob-External", """ "emails":[{"value":"bob@example.com"}] """);
        Assert.Equal((string?)bob["id"], (string?)(await emulator.FilterAsync("externalId eq \"Bob-External\"")).Object["Resources"]![0]!["id"]);
        Assert.Equal(expected, (int)(await emulator.FilterAsync("externalId eq \"bob-EXTERNAL\"")).Object["totalResults"]!);
        Assert.Equal(0, (int)(await emulator.FilterAsync("externalId eq \"bob-externa\"")).Object["totalResults"]!);
    }

    [Fact]
    public async Task ExternalId_filter_falls_back_to_the_email()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("carol", "emp-7", """ "emails":[{"value":"carol@example.com"}] """);
        Assert.Equal(1, (int)(await emulator.FilterAsync("externalId eq \"carol@example.com\"")).Object["totalResults"]!);
    }

    [Fact]
    public async Task Plus_in_an_externalId_must_be_percent_encoded()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("dave", "dave+wire@example.com");

        var encoded = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users?filter=externalId%20eq%20%22dave%2Bwire%40example.com%22");
        Assert.Equal((string?)user["id"], (string?)encoded.Object["Resources"]![0]!["id"]);

        var raw = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users?filter=externalId%20eq%20%22dave+wire%40example.com%22");
        Assert.Equal(0, (int)raw.Object["totalResults"]!);
    }

    public static TheoryData<string, string> FilterErrors() => new()
    {
        { "id eq \"x\"", "Unsupported attribute" },
        { "emails eq \"x@example.com\"", "Unsupported attribute" },
        { "displayName eq \"Jane\"", "Unsupported attribute" },
        { "userName ne \"x\"", "Operation not supported" },
        { "userName co \"x\"", "Operation not supported" },
        { "userName sw \"x\"", "Operation not supported" },
        { "externalId gt \"x\"", "Operation not supported" },
        { "userName eq true", "Operation not supported" },
        { "userName eq null", "Operation not supported" },
        { "userName eq 42", "Operation not supported" },
        { "id ne \"x\"", "Operation not supported" },
    };

    [Theory]
    [MemberData(nameof(FilterErrors))]
    public async Task Unsupported_filters_give_invalidFilter(string filter, string detail)
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Error(await emulator.FilterAsync(filter), 400, "invalidFilter", detail);
    }

    [Theory]
    [InlineData("userName eq \"a\" and externalId eq \"b\"")]
    [InlineData("userName eq \"a\" or userName eq \"b\"")]
    [InlineData("not (userName eq \"a\")")]
    [InlineData("(userName eq \"a\")")]
    [InlineData("userName pr")]
    [InlineData("emails[type eq \"work\"].value eq \"a@example.com\"")]
    [InlineData("userName eq a")]
    [InlineData("userName xx \"a\"")]
    [InlineData("")]
    public async Task Unparsable_filters_give_a_plain_text_400(string filter)
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Plain(await emulator.FilterAsync(filter), 400, "Error parsing query parameter filter failed: ");
    }

    [Fact]
    public async Task Listing_without_a_filter_is_refused_and_pagination_is_ignored()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("erin", "erin@example.com");
        ScimAssert.Error(await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users"), 400, "tooMany", "Please specify a filter when getting users.");
        ScimAssert.Error(await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users?startIndex=1&count=10"), 400, "tooMany", "Please specify a filter when getting users.");
        var paged = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users?filter=userName%20eq%20%22erin%22&startIndex=5&count=0");
        Assert.Equal(1, (int)paged.Object["totalResults"]!);
    }

    [Fact]
    public async Task Get_by_id_returns_the_user_or_404()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("frank", "frank@example.com");
        var reply = await emulator.GetUserAsync((string)user["id"]!);
        Assert.Equal(200, reply.Status);
        Assert.Equal(user.ToJsonString(), reply.Object.ToJsonString());

        var unknown = Guid.NewGuid().ToString();
        ScimAssert.Error(await emulator.GetUserAsync(unknown), 404, null, $"User {unknown} not found");
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("12345")]
    public async Task A_non_uuid_id_gives_a_plain_text_400(string id)
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Plain(await emulator.GetUserAsync(id), 400);
        ScimAssert.Plain(await emulator.DeleteUserAsync(id), 400);
        ScimAssert.Plain(await emulator.PutUserAsync(id, TestEmulator.UserJson("x1", "x1@example.com")), 400);
    }

    [Fact]
    public async Task Missing_token_is_401_token_not_provided()
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Error(await emulator.FilterAsync("userName eq \"a\"", token: null), 401, null, "authorization failed: Token not provided");
        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("aa", "a@example.com"), token: null), 401, null, "authorization failed: Token not provided");
        ScimAssert.Error(await emulator.DeleteUserAsync(Guid.NewGuid().ToString(), token: null), 401, null, "authorization failed: Token not provided");
    }

    [Fact]
    public async Task Unknown_token_is_401_invalid_scim_token()
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Error(await emulator.FilterAsync("userName eq \"a\"", token: "wrong"), 401, null, "authorization failed: Invalid SCIM token");
        ScimAssert.Error(await emulator.GetUserAsync(Guid.NewGuid().ToString(), token: "wrong"), 401, null, "authorization failed: Invalid SCIM token");
    }

    [Theory]
    [InlineData("bearer " + TestEmulator.Token)]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData(TestEmulator.Token)]
    public async Task Authorization_not_starting_with_Bearer_space_is_a_plain_400(string header)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users?filter=userName%20eq%20%22a%22", token: null,
            headers: [new("Authorization", header)]);
        ScimAssert.Plain(reply, 400);
    }

    [Fact]
    public async Task A_body_that_does_not_parse_fails_before_the_token_is_checked()
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Plain(await emulator.PostUserAsync("""{"externalId":"x"}""", token: "wrong"), 400);
    }

    [Fact]
    public async Task Versioned_paths_reach_the_same_users()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.SendAsync(HttpMethod.Post, "v8/scim/v2/Users", TestEmulator.UserJson("gina", "gina@example.com"));
        Assert.Equal(201, created.Status);
        var found = await emulator.SendAsync(HttpMethod.Get, "v3/scim/v2/Users?filter=userName%20eq%20%22gina%22");
        Assert.Equal(1, (int)found.Object["totalResults"]!);
        Assert.Equal(404, (await emulator.SendAsync(HttpMethod.Get, "v9/scim/v2/Users?filter=userName%20eq%20%22gina%22")).Status);
    }

    [Theory]
    [InlineData("GET", "scim/v2/Groups/3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60/members")]
    [InlineData("GET", "scim/v2/Me")]
    [InlineData("POST", "scim/v2/Bulk")]
    public async Task Unknown_routes_give_an_empty_404(string method, string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(new HttpMethod(method), path, method == "POST" ? "{}" : null);
        Assert.Equal(404, reply.Status);
        Assert.Equal("", reply.Body);
    }
}

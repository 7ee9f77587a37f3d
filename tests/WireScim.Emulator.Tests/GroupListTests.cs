using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;
using static WireScim.Emulator.Tests.GroupTestSupport;

namespace WireScim.Emulator.Tests;

public sealed class GroupListTests
{
    private static async Task<string[]> CreateGroupsAsync(TestEmulator emulator, int count)
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, count).Select(i => emulator.CreateGroupAsync($"Group {i:D3}")));
        return ids.Order(StringComparer.Ordinal).ToArray();
    }

    private static string[] Ids(Reply reply) => reply.Object["Resources"]!.AsArray().Select(g => (string)g!["id"]!).ToArray();

    public static TheoryData<string, string, int, int, long> Pages() => new()
    {
        // rule, query, first index into the id-ordered groups, items, startIndex echoed
        { "no parameters: the first 15", "", 0, 15, 1 },
        { "count", "count=5", 0, 5, 1 },
        { "startIndex is 1-based", "startIndex=3&count=4", 2, 4, 3 },
        { "startIndex 0 means the first", "startIndex=0&count=2", 0, 2, 1 },
        { "negative startIndex means the first", "startIndex=-7&count=2", 0, 2, 1 },
        { "startIndex alone keeps the default count", "startIndex=10", 9, 11, 10 },
        { "past the end", "startIndex=21", 20, 0, 21 },
        { "far past the end", "startIndex=9999999999", 20, 0, 9999999999 },
        { "count 0: no items, true total", "count=0", 0, 0, 1 },
        { "negative count means 0", "count=-3", 0, 0, 1 },
        { "plus sign", "count=%2B2", 0, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Listing_pages_by_group_id(string rule, string query, int first, int items, long startIndex)
    {
        await using var emulator = await StartAsync();
        var ids = await CreateGroupsAsync(emulator, 20);

        var reply = await emulator.ListGroupsAsync(query);

        Assert.Equal(200, reply.Status);
        Assert.Equal(ids.Skip(first).Take(items), Ids(reply));
        Assert.Equal(20, (int)reply.Object["totalResults"]!);
        Assert.Equal(items, (int)reply.Object["itemsPerPage"]!);
        Assert.Equal(startIndex, (long)reply.Object["startIndex"]!);
        Assert.Equal("""["urn:ietf:params:scim:api:messages:2.0:ListResponse"]""", reply.Object["schemas"]!.ToJsonString());
        Assert.NotNull(rule);
    }

    [Fact]
    public async Task Count_is_capped_at_500()
    {
        await using var emulator = await StartAsync();
        await CreateGroupsAsync(emulator, 503);
        var reply = await emulator.ListGroupsAsync("count=10000");
        Assert.Equal(500, (int)reply.Object["itemsPerPage"]!);
        Assert.Equal(503, (int)reply.Object["totalResults"]!);
    }

    [Fact]
    public async Task Only_SCIM_managed_groups_are_listed_but_all_carry_full_members()
    {
        await using var emulator = await StartAsync();
        var users = await emulator.ActiveUsersAsync(2);
        var scimGroup = await emulator.CreateGroupAsync("Sales", users);
        await emulator.SeedWireGroupAsync("Sales board", users);

        var reply = await emulator.ListGroupsAsync(FilterQuery("displayName co \"sales\""));

        Assert.Equal([scimGroup], Ids(reply));
        Assert.Equal(1, (int)reply.Object["totalResults"]!);
        Assert.Equal(users.Order(StringComparer.Ordinal), MemberIds(reply.Object["Resources"]![0]!));
    }

    public static TheoryData<string, string, string> Filters() => new()
    {
        // rule, filter, names matched among: Sales, sales-emea, Pre-Sales, Ops_Team, OpsXTeam, 100% Club, Back\slash
        { "case-insensitive substring", "displayName co \"SALES\"", "Pre-Sales,Sales,sales-emea" },
        { "co \"\" matches all", "displayName co \"\"", "100% Club,Back\\slash,OpsXTeam,Ops_Team,Pre-Sales,Sales,sales-emea" },
        { "_ is a one-character wildcard", "displayName co \"Ops_T\"", "OpsXTeam,Ops_Team" },
        { "% is a wildcard", "displayName co \"S%s\"", "Back\\slash,Pre-Sales,Sales,sales-emea" },
        { "a literal % still over-matches", "displayName co \"100%\"", "100% Club" },
        { "backslash escapes a wildcard", "displayName co \"Ops\\\\_T\"", "Ops_Team" },
        { "a trailing backslash makes the closing % literal (so 100% must end the name)", "displayName co \"100\\\\\"", "" },
        { "attribute name is case-insensitive", "DISPLAYNAME co \"ops\"", "OpsXTeam,Ops_Team" },
        { "the User URN prefix is tolerated", "urn:ietf:params:scim:schemas:core:2.0:User:displayName co \"emea\"", "sales-emea" },
        { "operator is case-insensitive", "displayName CO \"club\"", "100% Club" },
        { "no match", "displayName co \"nothing\"", "" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task DisplayName_co_is_an_ILIKE_substring_match(string rule, string filter, string expected)
    {
        await using var emulator = await StartAsync();
        foreach (var name in new[] { "Sales", "sales-emea", "Pre-Sales", "Ops_Team", "OpsXTeam", "100% Club", "Back\\slash" })
            await emulator.CreateGroupAsync(name);

        var reply = await emulator.ListGroupsAsync(FilterQuery(filter) + "&count=100");

        Assert.True(reply.Status == 200, $"{rule}: {reply}");
        var names = reply.Object["Resources"]!.AsArray().Select(g => (string)g!["displayName"]!).Order(StringComparer.Ordinal);
        Assert.Equal(expected, string.Join(",", names));
        Assert.Equal(names.Count(), (int)reply.Object["totalResults"]!);
    }

    public static TheoryData<string, string> ServerErrorFilters() => new()
    {
        { "eq, as Okta and Entra send it", "displayName eq \"Sales\"" },
        { "sw", "displayName sw \"Sa\"" },
        { "ew", "displayName ew \"es\"" },
        { "ne", "displayName ne \"Sales\"" },
        { "another attribute", "externalId eq \"x\"" },
        { "id", "id eq \"3a7d1c5e-8f2b-4c6d-9e0a-1b2c3d4e5f60\"" },
        { "a sub-attribute", "displayName.value co \"x\"" },
        { "a number", "displayName co 5" },
        { "null", "displayName co null" },
    };

    [Theory]
    [MemberData(nameof(ServerErrorFilters))]
    public async Task Every_other_parseable_filter_is_a_500(string rule, string filter)
    {
        await using var emulator = await StartAsync();
        await emulator.CreateGroupAsync("Sales");
        var reply = await emulator.ListGroupsAsync(FilterQuery(filter));
        ScimAssert.Error(reply, 500, null, """{"code":500,"label":"internal-error","message":""}""");
        Assert.NotNull(rule);
    }

    [Theory]
    [InlineData("the Group URN prefix", "filter=" + "urn%3Aietf%3Aparams%3Ascim%3Aschemas%3Acore%3A2.0%3AGroup%3AdisplayName%20co%20%22x%22")]
    [InlineData("and", "filter=displayName%20co%20%22a%22%20and%20displayName%20co%20%22b%22")]
    [InlineData("pr", "filter=displayName%20pr")]
    [InlineData("non-integer count", "count=ten")]
    [InlineData("non-integer startIndex", "startIndex=1.5")]
    [InlineData("empty count", "count=")]
    public async Task Unparseable_query_parameters_are_plain_400s(string rule, string query)
    {
        await using var emulator = await StartAsync();
        ScimAssert.Plain(await emulator.ListGroupsAsync(query), 400, "Error parsing query parameter");
        ScimAssert.Plain(await emulator.ListGroupsAsync(query, token: null), 400);
        Assert.NotNull(rule);
    }

    [Fact]
    public async Task Listing_needs_the_token()
    {
        await using var emulator = await StartAsync();
        ScimAssert.Error(await emulator.ListGroupsAsync(token: null), 401, null, "authorization failed: Token not provided");
    }
}

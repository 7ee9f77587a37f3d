using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

public sealed class UserCreateTests
{
    private const string NoEmailNoIdp = "Could not process externalId. Please check: (1) does the scim user contain a valid email address? " +
                                        "(2) did you associate your scim token with a SAML IdP in wire?";

    public static TheoryData<string, string, int, string, string> ValidationErrors() => new()
    {
        // name, body, status, scimType, detail
        { "password", """{"userName":"p1","externalId":"p1@example.com","password":"secret"}""", 400, "invalidValue", "Setting user passwords is not supported for security reasons. (post)" },
        { "password before externalId", """{"userName":"p1","password":"secret"}""", 400, "invalidValue", "Setting user passwords is not supported for security reasons. (post)" },
        { "externalId missing", """{"userName":"p2"}""", 400, "invalidValue", "externalId is required" },
        { "externalId null", """{"userName":"p2","externalId":null}""", 400, "invalidValue", "externalId is required" },
        { "externalId not email, no emails, no IdP", """{"userName":"p3","externalId":"emp-42"}""", 400, "invalidValue", NoEmailNoIdp },
        { "externalId before userName", """{"userName":"Bad Handle!","externalId":"emp-42"}""", 400, "invalidValue", NoEmailNoIdp },
        { "handle with space, lowercased, no space before is", """{"userName":"Bad Handle","externalId":"x@example.com"}""", 400, "invalidValue", "bad handleis not a valid Wire handle" },
        { "handle with @", """{"userName":"jane@example.com","externalId":"x@example.com"}""", 400, "invalidValue", "jane@example.comis not a valid Wire handle" },
        { "handle with +", """{"userName":"a+b","externalId":"x@example.com"}""", 400, "invalidValue", "a+bis not a valid Wire handle" },
        { "handle too short", """{"userName":"A","externalId":"x@example.com"}""", 400, "invalidValue", "ais not a valid Wire handle" },
        { "handle before displayName", """{"userName":"a","externalId":"x@example.com","displayName":""}""", 400, "invalidValue", "ais not a valid Wire handle" },
        { "displayName empty", """{"userName":"dn1","externalId":"x@example.com","displayName":""}""", 400, "invalidValue", "Name: outside range [1, 128] (post)" },
        { "displayName before language", """{"userName":"dn1","externalId":"x@example.com","displayName":"","preferredLanguage":"EN"}""", 400, "invalidValue", "Name: outside range [1, 128] (post)" },
        { "language uppercase", """{"userName":"l1","externalId":"x@example.com","preferredLanguage":"EN"}""", 400, "invalidValue", "Could not parse language. Expected format is ISO 639-1. (post)" },
        { "language unknown", """{"userName":"l1","externalId":"x@example.com","preferredLanguage":"xx"}""", 400, "invalidValue", "Could not parse language. Expected format is ISO 639-1. (post)" },
        { "language one letter", """{"userName":"l1","externalId":"x@example.com","preferredLanguage":"e"}""", 400, "invalidValue", "Could not parse language. Expected format is ISO 639-1. (post)" },
        { "language before roles", """{"userName":"l1","externalId":"x@example.com","preferredLanguage":"EN","roles":["boss"]}""", 400, "invalidValue", "Could not parse language. Expected format is ISO 639-1. (post)" },
        { "unknown role", """{"userName":"r1","externalId":"x@example.com","roles":["foobar"]}""", 400, "invalidValue", "The role 'foobar' is not valid. Valid roles are owner, admin, member, partner. (post)" },
        { "role is case-sensitive", """{"userName":"r1","externalId":"x@example.com","roles":["Admin"]}""", 400, "invalidValue", "The role 'Admin' is not valid. Valid roles are owner, admin, member, partner. (post)" },
        { "unknown role as object", """{"userName":"r1","externalId":"x@example.com","roles":[{"value":"boss"}]}""", 400, "invalidValue", "The role 'boss' is not valid. Valid roles are owner, admin, member, partner. (post)" },
        { "two roles", """{"userName":"r1","externalId":"x@example.com","roles":["member","admin"]}""", 400, "invalidValue", "A user cannot have more than one role. (post)" },
        { "two roles checked before their names", """{"userName":"r1","externalId":"x@example.com","roles":["x","y"]}""", 400, "invalidValue", "A user cannot have more than one role. (post)" },
    };

    [Theory]
    [MemberData(nameof(ValidationErrors))]
    public async Task Create_rejects_invalid_users_with_the_documented_error(string name, string body, int status, string scimType, string detail)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.PostUserAsync(body);
        ScimAssert.Error(reply, status, scimType, detail);
        Assert.Empty(emulator.Server.SnapshotUsers());
        Assert.NotNull(name);
    }

    public static TheoryData<string, string> ParseFailures() => new()
    {
        { "userName missing", """{"externalId":"x@example.com"}""" },
        { "userName not a string", """{"userName":5,"externalId":"x@example.com"}""" },
        { "not JSON", """{"userName":""" },
        { "not an object", """["a"]""" },
        { "invalid email in emails", """{"userName":"e1","externalId":"e1","emails":[{"value":"not-an-email"}]}""" },
        { "active not a boolean", """{"userName":"e1","externalId":"x@example.com","active":"yes"}""" },
        { "rich info version 1", """{"userName":"e1","externalId":"x@example.com","urn:wire:scim:schemas:profile:1.0":{"richInfo":{"version":1,"fields":[]}}}""" },
        { "rich info duplicate keys", """{"userName":"e1","externalId":"x@example.com","urn:wire:scim:schemas:profile:1.0":{"richInfo":{"version":0,"fields":[{"type":"A","value":"1"},{"type":"a","value":"2"}]}}}""" },
        { "rich info map value not text", """{"userName":"e1","externalId":"x@example.com","urn:ietf:params:scim:schemas:extension:wire:1.0:User":{"A":1}}""" },
    };

    [Theory]
    [MemberData(nameof(ParseFailures))]
    public async Task Create_with_an_unparsable_body_gives_a_plain_text_400(string name, string body)
    {
        await using var emulator = await TestEmulator.StartAsync();
        ScimAssert.Plain(await emulator.PostUserAsync(body), 400);
        Assert.NotNull(name);
    }

    [Fact]
    public async Task Invitation_mode_creates_a_pending_user_shown_as_inactive_member()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.PostUserAsync("""{"userName":"Jane.Doe","externalId":"emp-1","emails":[{"value":"jane@example.com"}],"roles":["admin"],"active":true}""");

        Assert.Equal(201, reply.Status);
        Assert.Equal(ScimAssert.ScimContentType, ScimAssert.Normalize(reply.ContentType));
        Assert.Null(reply.Headers.Location);
        Assert.Null(reply.Headers.ETag);
        var user = reply.Object;
        Assert.Equal(["urn:ietf:params:scim:schemas:core:2.0:User", "urn:wire:scim:schemas:profile:1.0", "urn:ietf:params:scim:schemas:extension:wire:1.0:User"],
            user["schemas"]!.AsArray().Select(s => (string)s!));
        Assert.True(System.Guid.TryParse((string?)user["id"], out _));
        Assert.Equal("jane.doe", (string?)user["userName"]);
        Assert.Equal("emp-1", (string?)user["externalId"]);
        Assert.Equal("jane@example.com", (string?)user["displayName"]);
        Assert.Equal("en", (string?)user["preferredLanguage"]);
        Assert.False((bool)user["active"]!);
        Assert.Equal("""[{"value":"jane@example.com"}]""", user["emails"]!.ToJsonString());
        Assert.Equal("""["member"]""", user["roles"]!.ToJsonString());
        Assert.Equal("{}", user["urn:ietf:params:scim:schemas:extension:wire:1.0:User"]!.ToJsonString());
        Assert.Equal("""{"richInfo":{"fields":[],"version":0}}""", user["urn:wire:scim:schemas:profile:1.0"]!.ToJsonString());
        var meta = user["meta"]!.AsObject();
        Assert.Equal("User", (string?)meta["resourceType"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", (string?)meta["created"]);
        Assert.Equal((string?)meta["created"], (string?)meta["lastModified"]);
        Assert.Matches("^W/\"[0-9a-f]{64}\"$", (string?)meta["version"]);
        Assert.Equal($"{emulator.Server.BaseUri}scim/v2/Users/{user["id"]}", (string?)meta["location"]);
    }

    [Fact]
    public async Task Invitation_mode_accepts_an_email_shaped_externalId_as_the_address()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("bob", "Bob@Example.com");
        Assert.Equal("Bob@Example.com", (string?)user["externalId"]);
        Assert.Equal("""[{"value":"Bob@Example.com"}]""", user["emails"]!.ToJsonString());
        Assert.False((bool)user["active"]!);
    }

    [Fact]
    public async Task The_primary_email_wins_over_the_first()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("carol", "emp-3",
            """ "emails":[{"value":"first@example.com","type":"work"},{"value":"second@example.com","primary":"True"}]""");
        Assert.Equal("""[{"value":"second@example.com"}]""", user["emails"]!.ToJsonString());
    }

    [Fact]
    public async Task Saml_mode_creates_an_active_user_with_any_externalId_and_the_requested_role()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("dave", "nameid-dave", """ "roles":["admin"],"displayName":"Dave" """);
        Assert.True((bool)user["active"]!);
        Assert.Equal("""["admin"]""", user["roles"]!.ToJsonString());
        Assert.Equal("Dave", (string?)user["displayName"]);
        Assert.False(user.ContainsKey("emails"));

        var defaulted = await emulator.CreateUserAsync("erin", "nameid-erin");
        Assert.Equal("nameid-erin", (string?)defaulted["displayName"]);
    }

    [Fact]
    public async Task Post_with_active_false_is_ignored()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("frank", "frank@example.com", """ "active":false""");
        Assert.True((bool)user["active"]!);
    }

    [Fact]
    public async Task Attribute_names_are_case_insensitive_and_booleans_may_be_strings()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var reply = await emulator.PostUserAsync("""{"UserName":"Grace","EXTERNALID":"grace@example.com","DisplayName":"Grace H","Active":"True","PreferredLanguage":"de-CH","Roles":["partner"]}""");
        Assert.Equal(201, reply.Status);
        Assert.Equal("grace", (string?)reply.Object["userName"]);
        Assert.Equal("Grace H", (string?)reply.Object["displayName"]);
        Assert.Equal("de", (string?)reply.Object["preferredLanguage"]);
        Assert.Equal("""["partner"]""", reply.Object["roles"]!.ToJsonString());
    }

    [Fact]
    public async Task Unknown_and_dropped_attributes_are_ignored()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("heidi", "heidi@example.com",
            """ "name":{"givenName":"Heidi"},"title":"Boss","id":"ignored","meta":{"version":"x"},"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"x"}""");
        Assert.False(user.ContainsKey("name"));
        Assert.False(user.ContainsKey("title"));
        Assert.NotEqual("ignored", (string?)user["id"]);
    }

    [Theory]
    [InlineData("strings", """["member"]""")]
    [InlineData("objects", """[{"value":"member"}]""")]
    public async Task Roles_are_shown_in_the_configured_shape(string shape, string expected)
    {
        await using var emulator = await TestEmulator.StartSamlAsync(o => o.RolesShape = shape);
        var fromString = await emulator.CreateUserAsync("ivan", "ivan@example.com", """ "roles":["member"]""");
        var fromObject = await emulator.CreateUserAsync("judy", "judy@example.com", """ "roles":[{"value":"member"}]""");
        var defaulted = await emulator.CreateUserAsync("kim", "kim@example.com", """ "roles":[]""");
        Assert.Equal(expected, fromString["roles"]!.ToJsonString());
        Assert.Equal(expected, fromObject["roles"]!.ToJsonString());
        Assert.Equal(expected, defaulted["roles"]!.ToJsonString());
    }

    [Fact]
    public async Task DisplayName_counts_code_points_so_128_emoji_pass_and_129_fail()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var emoji128 = string.Concat(Enumerable.Repeat("\U0001F600", 128));
        var ok = await emulator.PostUserAsync(new JsonObject { ["userName"] = "emoji1", ["externalId"] = "e1", ["displayName"] = emoji128 }.ToJsonString());
        Assert.Equal(201, ok.Status);
        Assert.Equal(emoji128, (string?)ok.Object["displayName"]);

        var tooLong = await emulator.PostUserAsync(new JsonObject { ["userName"] = "emoji2", ["externalId"] = "e2", ["displayName"] = emoji128 + "\U0001F600" }.ToJsonString());
        ScimAssert.Error(tooLong, 400, "invalidValue", "Name: outside range [1, 128] (post)");
    }

    [Fact]
    public async Task Handle_length_is_2_to_256()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("ab", "a1"))).Status);
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson(new string('h', 256), "a2"))).Status);
        var tooLong = new string('h', 257);
        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson(tooLong, "a3")), 400, "invalidValue", tooLong + "is not a valid Wire handle");
    }

    [Fact]
    public async Task UserName_is_unique_across_the_instance_after_lowercasing()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("liam", "liam@example.com");
        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("LIAM", "other@example.com")), 409, "uniqueness", "userName is already taken");
    }

    [Fact]
    public async Task ExternalId_is_unique_and_checked_before_userName()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var mia = (string)(await emulator.CreateUserAsync("mia", "mia@example.com"))["id"]!;
        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("mia", "mia@example.com")), 409, "uniqueness",
            "ExternalId is already taken: user with status PendingInvitation exists(ValidScimId {validScimIdExternal = \"mia@example.com\", " +
            $"validScimIdAuthInfo = This \"mia@example.com\"}},{mia})");
        // externalId is case-sensitive
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("mia2", "MIA@example.com"))).Status);
    }

    [Fact]
    public async Task Rich_info_is_read_from_both_representations_and_merged()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("nina", "nina@example.com", """
            "URN:WIRE:SCIM:SCHEMAS:PROFILE:1.0":{"RichInfo":{"version":0,"fields":[{"type":"Department","value":"Sales"},{"type":"Floor","value":"3"},{"type":"Empty","value":""}]}},
            "urn:ietf:params:scim:schemas:extension:wire:1.0:User":{"department":"Marketing","Zeta":"z","Alpha":"a","Blank":""}
            """);
        Assert.Equal("""{"Department":"Marketing","Floor":"3","Alpha":"a","Zeta":"z"}""",
            user["urn:ietf:params:scim:schemas:extension:wire:1.0:User"]!.ToJsonString());
        Assert.Equal("""{"richInfo":{"fields":[{"type":"Department","value":"Marketing"},{"type":"Floor","value":"3"},{"type":"Alpha","value":"a"},{"type":"Zeta","value":"z"}],"version":0}}""",
            user["urn:wire:scim:schemas:profile:1.0"]!.ToJsonString());
    }

    [Fact]
    public async Task Legacy_rich_info_list_is_accepted()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("olga", "olga@example.com", """ "urn:wire:scim:schemas:profile:1.0":{"richInfo":[{"type":"Team","value":"Blue"}]}""");
        Assert.Equal("""{"Team":"Blue"}""", user["urn:ietf:params:scim:schemas:extension:wire:1.0:User"]!.ToJsonString());
    }

    [Fact]
    public async Task Rich_info_over_5000_characters_gives_413_with_the_size()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var exact = new JsonObject { ["userName"] = "pete", ["externalId"] = "p1", [RichInfoUrn] = new JsonObject { ["Bio"] = new string('x', 4997) } };
        Assert.Equal(201, (await emulator.PostUserAsync(exact.ToJsonString())).Status);

        var over = new JsonObject { ["userName"] = "quinn", ["externalId"] = "q1", [RichInfoUrn] = new JsonObject { ["Bio"] = new string('x', 4990), ["Extra"] = "123456" } };
        ScimAssert.Error(await emulator.PostUserAsync(over.ToJsonString()), 413, "invalidValue",
            "[\"urn:ietf:params:scim:schemas:extension:wire:1.0:User\",\"urn:wire:scim:schemas:profile:1.0\"] together exceed the size limit: max 5000 characters, but got 5004 (post)");
    }

    [Fact]
    public async Task Requests_need_a_json_content_type()
    {
        await using var emulator = await TestEmulator.StartAsync();
        Assert.Equal(415, (await emulator.SendAsync(HttpMethod.Post, "scim/v2/Users", TestEmulator.UserJson("ruth", "ruth@example.com"), contentType: "text/plain")).Status);
        Assert.Equal(201, (await emulator.SendAsync(HttpMethod.Post, "scim/v2/Users", TestEmulator.UserJson("ruth", "ruth@example.com"), contentType: "application/json")).Status);
        Assert.Equal(406, (await emulator.SendAsync(HttpMethod.Get, "scim/v2/Users?filter=userName%20eq%20%22ruth%22",
            headers: [new("Accept", "text/html")])).Status);
    }

    [Fact]
    public async Task A_body_over_512k_is_refused_by_nginz_with_413()
    {
        await using var emulator = await TestEmulator.StartAsync();
        var huge = new JsonObject { ["userName"] = "big", ["externalId"] = "big@example.com", ["padding"] = new string('x', 600_000) };
        var reply = await emulator.PostUserAsync(huge.ToJsonString());
        Assert.Equal(413, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
    }

    private const string RichInfoUrn = "urn:ietf:params:scim:schemas:extension:wire:1.0:User";
}

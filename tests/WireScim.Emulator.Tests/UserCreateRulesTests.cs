using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>The display name spar falls back to (docs/wire-behaviour.md#display-names).</summary>
public sealed class DisplayNameDefaultTests
{
    [Fact]
    public async Task With_an_IdP_the_default_is_the_NameID_even_when_an_email_is_given()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var user = await emulator.CreateUserAsync("ann1", "nameid-ann", """ "emails":[{"value":"ann@example.com"}] """);
        Assert.Equal("nameid-ann", (string?)user["displayName"]);
    }

    [Theory]
    [InlineData("emp-7", """ "emails":[{"value":"bea@example.com"}] """, "bea@example.com")]
    [InlineData("bea@example.com", "", "bea@example.com")]
    public async Task Without_an_IdP_the_default_is_the_email(string externalId, string extra, string expected)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var user = await emulator.CreateUserAsync("bea", externalId, extra);
        Assert.Equal(expected, (string?)user["displayName"]);
    }

    [Fact]
    public async Task A_default_longer_than_128_fails_the_name_rule()
    {
        var longName = new string('n', 129);
        await using var saml = await TestEmulator.StartSamlAsync();
        ScimAssert.Error(await saml.PostUserAsync(TestEmulator.UserJson("cat", longName, """ "emails":[{"value":"cat@example.com"}] """)),
            400, "invalidValue", "Name: outside range [1, 128] (post)");

        await using var invitation = await TestEmulator.StartAsync();
        var longEmail = new string('e', 120) + "@example.com";
        ScimAssert.Error(await invitation.PostUserAsync(TestEmulator.UserJson("cat", "emp-1", $$""" "emails":[{"value":"{{longEmail}}"}] """)),
            400, "invalidValue", "Name: outside range [1, 128] (post)");
        Assert.Empty(invitation.Server.SnapshotUsers());
    }

    [Fact]
    public async Task Patch_remove_displayName_resets_it_to_the_default()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("dan", "nameid-dan", """ "displayName":"Dan","emails":[{"value":"dan@example.com"}] """))["id"]!;
        var reply = await emulator.PatchUserAsync(id, """{"op":"remove","path":"displayName"}""");
        Assert.Equal("nameid-dan", (string?)reply.Object["displayName"]);
    }
}

/// <summary>aeson's messages for bodies that do not parse, as servant returns them (plain text).</summary>
public sealed class ParseMessageTests
{
    public static TheoryData<string, string> Messages() => new()
    {
        { """{"externalId":"x@example.com"}""", "Error in $: key \"username\" not found" },
        { """{"UserName":null,"externalId":"x@example.com"}""", "Error in $.username: parsing Text failed, expected String, but encountered Null" },
        { """{"userName":5,"externalId":"x@example.com"}""", "Error in $.username: parsing Text failed, expected String, but encountered Number" },
        { """{"userName":"a1","externalId":true}""", "Error in $.externalid: parsing Text failed, expected String, but encountered Boolean" },
        { """{"userName":"a1","externalId":"x@example.com","displayName":["x"]}""", "Error in $.displayname: parsing Text failed, expected String, but encountered Array" },
        { """["a"]""", "Error in $: parsing User failed, expected Object, but encountered Array" },
    };

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task A_body_that_does_not_parse_names_the_lowercased_key(string body, string message)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.PostUserAsync(body);
        ScimAssert.Plain(reply, 400);
        Assert.Equal(message, reply.Body);
    }
}

/// <summary>spar's 409s for an externalId already in use, and brig's refusal of an e-mail in use.</summary>
public sealed class ExternalIdAndEmailConflictTests
{
    [Fact]
    public async Task An_active_holder_is_named_with_a_colon_a_suspended_one_without()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("eve", "nameid-eve"))["id"]!;

        var active = await emulator.PostUserAsync(TestEmulator.UserJson("eve2", "nameid-eve"));
        Assert.Equal(409, active.Status);
        Assert.StartsWith("ExternalId is already taken: user with status Active exists: (ValidScimId {validScimIdExternal = \"nameid-eve\"",
            (string?)active.Object["detail"]);
        Assert.EndsWith($",{id})", (string?)active.Object["detail"]);

        await emulator.PatchUserAsync(id, """{"op":"replace","path":"active","value":false}""");
        var suspended = await emulator.PostUserAsync(TestEmulator.UserJson("eve2", "nameid-eve"));
        Assert.StartsWith("ExternalId is already taken: user with status Suspended exists(ValidScimId {", (string?)suspended.Object["detail"]);
    }

    [Fact]
    public async Task With_an_IdP_a_NameID_differing_only_in_case_is_taken()
    {
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("fay", "NameID-Fay"))["id"]!;
        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("fay2", "nameid-fay")), 409, "uniqueness", "externalId is already taken");
        var other = (string)(await emulator.CreateUserAsync("gus", "nameid-gus"))["id"]!;
        ScimAssert.Error(await emulator.PutUserAsync(other, TestEmulator.UserJson("gus", "NAMEID-FAY")), 409, "uniqueness",
            "externalId already in use by another Wire user");
        Assert.NotEqual(id, other);
    }

    [Fact]
    public async Task Without_an_IdP_the_email_of_another_account_is_refused_with_brigs_error_nested()
    {
        const string emailExists = """{"code":409,"label":"email-exists","message":"The given e-mail address is in use."}""";
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.SendAsync(HttpMethod.Post, "_emulator/members", """{"handle":"olga","displayName":"Olga","email":"olga@example.com"}""",
            token: null, contentType: "application/json");

        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("hal", "emp-1", """ "emails":[{"value":"Olga@example.com"}] """)),
            409, null, emailExists);
        ScimAssert.Error(await emulator.PostUserAsync(TestEmulator.UserJson("hal", "admin@example.com")), 409, null, emailExists);
        Assert.Empty(emulator.Server.SnapshotUsers());
    }

    [Fact]
    public async Task The_email_of_a_pending_invitee_or_a_SAML_team_is_not_refused()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await emulator.CreateUserAsync("ida", "emp-1", """ "emails":[{"value":"ida@example.com"}] """);
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("ida2", "emp-2", """ "emails":[{"value":"ida@example.com"}] """))).Status);

        await using var saml = await TestEmulator.StartSamlAsync();
        Assert.Equal(201, (await saml.PostUserAsync(TestEmulator.UserJson("ida", "nameid-ida", """ "emails":[{"value":"admin@example.com"}] """))).Status);
    }
}

/// <summary>spar's richInfoLimit is an installation setting, applied to the whole merged set.</summary>
public sealed class RichInfoLimitTests
{
    private const string Extension = "urn:ietf:params:scim:schemas:extension:wire:1.0:User";

    [Fact]
    public async Task A_configured_limit_applies_to_create()
    {
        await using var emulator = await TestEmulator.StartSamlAsync(o => o.RichInfoLimit = 10);
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("jo", "nameid-jo", $$""" "{{Extension}}":{"Dept":"Sales1"} """))).Status);
        var reply = await emulator.PostUserAsync(TestEmulator.UserJson("kim", "nameid-kim", $$""" "{{Extension}}":{"Dept":"Sales12"} """));
        ScimAssert.Error(reply, 413, "invalidValue",
            $"[\"{Extension}\",\"urn:wire:scim:schemas:profile:1.0\"] together exceed the size limit: max 10 characters, but got 11 (post)");
    }

    [Fact]
    public async Task Patch_counts_the_stored_fields_plus_the_change()
    {
        await using var emulator = await TestEmulator.StartSamlAsync(o => o.RichInfoLimit = 10);
        var id = (string)(await emulator.CreateUserAsync("lea", "nameid-lea", $$""" "{{Extension}}":{"Dept":"Sal"} """))["id"]!;
        var reply = await emulator.PatchUserAsync(id, $$"""{"op":"add","path":"{{Extension}}:Team","value":"x"}""");
        ScimAssert.Error(reply, 413, "invalidValue",
            $"[\"{Extension}\",\"urn:wire:scim:schemas:profile:1.0\"] together exceed the size limit: max 10 characters, but got 12 (put)");
    }

    [Fact]
    public void The_command_line_sets_the_limit() =>
        Assert.Equal(100, EmulatorOptions.Parse(["--rich-info-limit", "100"]).RichInfoLimit);
}

/// <summary>servant's routes are case-sensitive (docs/wire-behaviour.md#errors).</summary>
public sealed class RouteCaseTests
{
    [Theory]
    [InlineData("GET", "scim/v2/users?filter=userName%20eq%20%22x%22")]
    [InlineData("POST", "scim/v2/users")]
    [InlineData("GET", "SCIM/v2/Users?filter=userName%20eq%20%22x%22")]
    [InlineData("GET", "scim/V2/Users/6f2b1d4e-2f43-4c58-9a3e-1f2d3c4b5a69")]
    [InlineData("GET", "scim/v2/serviceproviderconfig")]
    [InlineData("GET", "scim/v2/schemas")]
    public async Task A_route_spelled_in_another_case_is_a_404_with_an_empty_body(string method, string path)
    {
        await using var emulator = await TestEmulator.StartAsync();
        var reply = await emulator.SendAsync(new HttpMethod(method), path, method == "POST" ? TestEmulator.UserJson("x1", "x@example.com") : null);
        Assert.Equal(404, reply.Status);
        Assert.Equal("", reply.Body);
        Assert.Empty(emulator.Server.SnapshotUsers());
    }
}

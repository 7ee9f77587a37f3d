using System.Linq;
using System.Net.Http;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Xunit;

namespace WireScim.Emulator.Tests;

/// <summary>
/// Scenarios of wire-server's own integration tests (services/spar/test-integration/Test/Spar/Scim/UserSpec.hs,
/// integration/test/Test/Spar.hs), replayed through the public SCIM API; docs/wire-behaviour.md#wires-own-tests-as-the-yardstick.
/// </summary>
public sealed class UpstreamScenarioTests
{
    private static async Task<JsonObject> FindByExternalIdAsync(TestEmulator emulator, string externalId)
    {
        var reply = await emulator.FilterAsync($"externalId eq \"{externalId}\"");
        Assert.Equal(200, reply.Status);
        return reply.Object;
    }

    /// <summary>Both look-ups show the same user (checkSparGetUserAndFindByExtId).</summary>
    private static async Task<JsonObject> GetAndFindAsync(TestEmulator emulator, string id, string externalId)
    {
        var byId = (await emulator.GetUserAsync(id)).Object;
        var found = (await FindByExternalIdAsync(emulator, externalId))["Resources"]!.AsArray();
        Assert.Equal(byId.ToJsonString(), Assert.Single(found)!.ToJsonString());
        return byId;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_externalId_other_than_the_email_survives_accepting_and_every_update(bool saml)
    {
        // testSparExternalIdDifferentFromEmail, testSparExternalIdDifferentFromEmailWithIdp
        await using var emulator = saml ? await TestEmulator.StartSamlAsync() : await TestEmulator.StartAsync();
        var body = TestEmulator.UserJson("kay", "ext-kay-1", """ "emails":[{"value":"kay@example.com"}] """);
        var id = (string)(await emulator.PostUserAsync(body)).Object["id"]!;
        var user = await GetAndFindAsync(emulator, id, "ext-kay-1");
        Assert.Equal("""[{"value":"kay@example.com"}]""", user["emails"]!.ToJsonString());

        await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null);
        var renamed = await emulator.PutUserAsync(id, TestEmulator.UserJson("kay2", "ext-kay-1", """ "emails":[{"value":"kay@example.com"}] """));
        Assert.Equal("kay2", (string?)renamed.Object["userName"]);
        await GetAndFindAsync(emulator, id, "ext-kay-1");

        var moved = await emulator.PutUserAsync(id, TestEmulator.UserJson("kay2", "ext-kay-2", """ "emails":[{"value":"kay@example.com"}] """));
        Assert.Equal("ext-kay-2", (string?)moved.Object["externalId"]);
        await GetAndFindAsync(emulator, id, "ext-kay-2");
        Assert.Equal(0, (int)(await FindByExternalIdAsync(emulator, "ext-kay-1"))["totalResults"]!);

        await emulator.PutUserAsync(id, TestEmulator.UserJson("kay2", "ext-kay-2", """ "emails":[{"value":"kay.new@example.com"}] """));
        var mailed = await GetAndFindAsync(emulator, id, "ext-kay-2");
        Assert.Equal("""[{"value":"kay.new@example.com"}]""", mailed["emails"]!.ToJsonString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_user_made_with_an_email_externalId_only_can_be_given_emails(bool emailUnchanged)
    {
        // testSparMigrateFromExternalIdOnlyToEmail
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("lou", "lou@example.com"))["id"]!;
        await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null);

        var same = await emulator.PutUserAsync(id, TestEmulator.UserJson("lou", "lou@example.com"));
        Assert.Equal("""[{"value":"lou@example.com"}]""", same.Object["emails"]!.ToJsonString());

        var newEmail = emailUnchanged ? "lou@example.com" : "lou.other@example.com";
        var updated = await emulator.PutUserAsync(id, TestEmulator.UserJson("lou", "lou@example.com", $$""" "emails":[{"value":"{{newEmail}}"}] """));
        Assert.Equal(200, updated.Status);
        Assert.Equal("lou@example.com", (string?)updated.Object["externalId"]);
        var user = await GetAndFindAsync(emulator, id, "lou@example.com");
        Assert.Equal($$"""[{"value":"{{newEmail}}"}]""", user["emails"]!.ToJsonString());
    }

    [Fact]
    public async Task Without_an_IdP_an_update_to_a_non_email_externalId_without_emails_is_400()
    {
        // testSparExternalIdUpdateToANonEmail
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("max", "max@example.com"))["id"]!;
        await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null);
        Assert.Equal(400, (await emulator.PutUserAsync(id, TestEmulator.UserJson("max", "notanemailaddress"))).Status);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_Team_Settings_member_is_found_by_email_with_an_IdP_token_and_can_be_reprovisioned(bool changeHandle)
    {
        // specImportToScimFromInvitation, testFindTeamSettingsInvitedUserMigratedWithEmailInTeamWithSSO, testGetNonScimInviteUser
        await using var emulator = await TestEmulator.StartSamlAsync();
        var seeded = await emulator.SendAsync(HttpMethod.Post, "_emulator/members",
            """{"handle":"bob.member","displayName":"Bob","email":"bob@example.com"}""", token: null, contentType: "application/json");
        var id = (string)seeded.Object["id"]!;

        var found = Assert.Single((await FindByExternalIdAsync(emulator, "bob@example.com"))["Resources"]!.AsArray())!;
        Assert.Equal(id, (string?)found["id"]);
        if (changeHandle)
        {
            var put = await emulator.PutUserAsync(id, TestEmulator.UserJson("bob.scim", "bob@example.com", """ "displayName":"Bob" """));
            Assert.Equal(200, put.Status);
        }

        var user = (await emulator.GetUserAsync(id)).Object;
        Assert.Equal(changeHandle ? "bob.scim" : "bob.member", (string?)user["userName"]);
        Assert.Equal("bob@example.com", (string?)user["externalId"]);
        Assert.Equal("Bob", (string?)user["displayName"]);
        Assert.Equal("""["member"]""", user["roles"]!.ToJsonString());
        // The take-over with an IdP token gave the member a SAML identity (NameID = e-mail), found case-folded.
        Assert.Equal(id, (string?)(await FindByExternalIdAsync(emulator, "BOB@example.com"))["Resources"]![0]!["id"]);
    }

    [Theory]
    [InlineData(null, "de", "de")]
    [InlineData("fr", "de", "de")]
    [InlineData("hr", "de", "de")]
    [InlineData("hr", null, "en")]
    [InlineData(null, null, "en")]
    public async Task Preferred_language_is_set_on_create_and_reset_by_a_put_without_it(string? created, string? updated, string expected)
    {
        // testCreateUserWithSamlIdPWithPreferredLanguage (five variants)
        await using var emulator = await TestEmulator.StartSamlAsync();
        string Language(string? code) => code is null ? "" : $"\"preferredLanguage\":\"{code}\"";
        var user = await emulator.CreateUserAsync("nia", "nameid-nia", Language(created));
        Assert.Equal(created ?? "en", (string?)user["preferredLanguage"]);

        var put = await emulator.PutUserAsync((string)user["id"]!, TestEmulator.UserJson("nia", "nameid-nia", Language(updated)));
        Assert.Equal(expected, (string?)put.Object["preferredLanguage"]);
        Assert.Equal(expected, (string?)(await emulator.GetUserAsync((string)user["id"]!)).Object["preferredLanguage"]);
    }

    [Fact]
    public async Task A_deleted_user_is_neither_got_nor_found_nor_a_5xx_on_repeat()
    {
        // testGetNoDeletedUsers, testFindNoDeletedUsers, testListNoDeletedUsers, "getUser should return 404 after deleteUser",
        // "whether implemented or not, does *NOT EVER* respond with 5xx!"
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("oli", "nameid-oli"))["id"]!;
        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);

        Assert.Equal(404, (await emulator.GetUserAsync(id)).Status);
        Assert.Equal(0, (int)(await emulator.FilterAsync("userName eq \"oli\"")).Object["totalResults"]!);
        Assert.Equal(0, (int)(await FindByExternalIdAsync(emulator, "nameid-oli"))["totalResults"]!);
        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);
    }

    [Fact]
    public async Task Deleting_an_invitee_who_registered_frees_the_user()
    {
        // "user with scim, no saml, validated email, password": works; testDeletedUsersFreeExternalIdNoIdp
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("pam", "pam@example.com"))["id"]!;
        await emulator.SendAsync(HttpMethod.Post, $"_emulator/users/{id}/accept-invitation", token: null);

        Assert.Equal(204, (await emulator.DeleteUserAsync(id)).Status);
        Assert.Equal(404, (await emulator.GetUserAsync(id)).Status);
        Assert.Equal(201, (await emulator.PostUserAsync(TestEmulator.UserJson("pam", "pam@example.com"))).Status);
    }

    [Theory]
    [InlineData("userName", "\"quinn\"", "userName already in use by another wire user")]
    [InlineData("externalId", "\"nameid-quinn\"", "externalId already in use by another Wire user")]
    public async Task Patch_cannot_take_another_users_userName_or_externalId(string path, string value, string detail)
    {
        // PATCH /Users/:id: "can't update to someone else's userName", "... externalId"
        await using var emulator = await TestEmulator.StartSamlAsync();
        await emulator.CreateUserAsync("quinn", "nameid-quinn");
        var id = (string)(await emulator.CreateUserAsync("rae", "nameid-rae"))["id"]!;
        ScimAssert.Error(await emulator.PatchUserAsync(id, $$"""{"op":"replace","path":"{{path}}","value":{{value}}}"""), 409, "uniqueness", detail);
    }

    [Fact]
    public async Task Put_without_an_id_is_a_4xx()
    {
        // testUpdateRequiresUserId
        await using var emulator = await TestEmulator.StartSamlAsync();
        var reply = await emulator.SendAsync(HttpMethod.Put, "scim/v2/Users", TestEmulator.UserJson("sam", "nameid-sam"));
        Assert.InRange(reply.Status, 400, 499);
    }

    public static TheoryData<string, string, string?> RolePatches()
    {
        var data = new TheoryData<string, string, string?>();
        foreach (var op in new[] { "replace", "add" })
            foreach (var initial in new[] { "owner", "admin", "member", "partner" })
                foreach (var target in new[] { null, "owner", "admin", "member", "partner" })
                    data.Add(op, initial, target);
        return data;
    }

    [Theory]
    [MemberData(nameof(RolePatches))]
    public async Task Patching_roles_sets_the_role_and_an_empty_list_or_a_removal_keeps_it(string op, string initial, string? target)
    {
        // PATCH "replace role works", "add role works" (testPatchRole: every initial and target role, then remove)
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("ros", "nameid-ros", $"\"roles\":[\"{initial}\"]"))["id"]!;
        var value = target is null ? "[]" : $"[\"{target}\"]";
        var patched = await emulator.PatchUserAsync(id, $$"""{"op":"{{op}}","path":"roles","value":{{value}}}""");
        Assert.Equal($"[\"{target ?? initial}\"]", patched.Object["roles"]!.ToJsonString());

        var removed = await emulator.PatchUserAsync(id, """{"op":"remove","path":"roles"}""");
        Assert.Equal($"[\"{target ?? initial}\"]", removed.Object["roles"]!.ToJsonString());
    }

    [Theory]
    [InlineData("replace", """["invalid-role"]""", "The role 'invalid-role' is not valid. Valid roles are owner, admin, member, partner. (put)")]
    [InlineData("add", """["invalid-role"]""", "The role 'invalid-role' is not valid. Valid roles are owner, admin, member, partner. (put)")]
    [InlineData("replace", """["member","member"]""", "A user cannot have more than one role. (put)")]
    [InlineData("add", """["member","member"]""", "A user cannot have more than one role. (put)")]
    public async Task Patching_an_invalid_role_or_two_roles_is_400(string op, string value, string detail)
    {
        // "replace with invalid input should fail", "add with invalid input should fail" (testPatchIvalidInput)
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("sid", "nameid-sid"))["id"]!;
        ScimAssert.Error(await emulator.PatchUserAsync(id, $$"""{"op":"{{op}}","path":"roles","value":{{value}}}"""), 400, "invalidValue", detail);
    }

    [Fact]
    public async Task Patching_active_suspends_and_reactivates()
    {
        // "PATCH will change state from active to inactive and back"
        await using var emulator = await TestEmulator.StartSamlAsync();
        var id = (string)(await emulator.CreateUserAsync("tia", "nameid-tia"))["id"]!;
        foreach (var active in new[] { true, false, true })
        {
            var reply = await emulator.PatchUserAsync(id, $$"""{"op":"replace","path":"active","value":{{(active ? "true" : "false")}}}""");
            Assert.Equal(active, (bool)reply.Object["active"]!);
            Assert.Equal(active, (bool)(await emulator.GetUserAsync(id)).Object["active"]!);
        }
    }

    [Fact]
    public async Task The_externalId_of_an_invitee_who_has_not_registered_can_change()
    {
        // testUpdateExternalIdOfUnregisteredAccount (the SCIM side; registering and activating the e-mail are brig's)
        await using var emulator = await TestEmulator.StartAsync();
        var id = (string)(await emulator.CreateUserAsync("uma", "uma@example.com"))["id"]!;
        var put = await emulator.PutUserAsync(id, TestEmulator.UserJson("uma", "uma.other@example.com"));
        Assert.Equal("""[{"value":"uma.other@example.com"}]""", put.Object["emails"]!.ToJsonString());
        Assert.Equal(0, (int)(await FindByExternalIdAsync(emulator, "uma@example.com"))["totalResults"]!);
        await GetAndFindAsync(emulator, id, "uma.other@example.com");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_an_IdP_a_put_sets_a_new_email_that_get_shows(bool externalIdIsEmail)
    {
        // testScimUpdateEmailAddress (SCIM side of all four variants; e-mail verification is brig's)
        await using var emulator = await TestEmulator.StartSamlAsync();
        var externalId = externalIdIsEmail ? "vic@example.com" : "4b1e3c2a-9d8f-4e7a-b6c5-d4e3f2a1b0c9";
        var id = (string)(await emulator.CreateUserAsync("vic", externalId))["id"]!;
        var created = (await emulator.GetUserAsync(id)).Object;
        Assert.Equal(externalIdIsEmail ? """[{"value":"vic@example.com"}]""" : null, created["emails"]?.ToJsonString());

        var put = await emulator.PutUserAsync(id, TestEmulator.UserJson("vic", externalId, """ "emails":[{"value":"vic.new@example.com"}] """));
        Assert.Equal("""[{"value":"vic.new@example.com"}]""", put.Object["emails"]!.ToJsonString());
        Assert.Equal("""[{"value":"vic.new@example.com"}]""", (await emulator.GetUserAsync(id)).Object["emails"]!.ToJsonString());
    }

    [Fact]
    public async Task Tokens_made_before_v8_ignore_a_name_are_named_after_their_id_and_only_admins_rename_them()
    {
        // testSparCreateScimTokenNoName, testSparCreateScimTokenWithName
        await using var emulator = await TestEmulator.StartAsync();
        var created = await emulator.CreateTokenAsync(extra: new JsonObject { ["name"] = "my scim token" });
        var tokenId = (string)created["info"]!["id"]!;
        var owner = await emulator.LoginAsync();
        var listed = await emulator.TokenApiAsync(HttpMethod.Get, "v8/scim/auth-tokens", owner);
        var token = listed.Object["tokens"]!.AsArray().Single(t => (string?)t!["id"] == tokenId)!;
        Assert.Equal(tokenId, (string?)token["name"]);

        var member = await emulator.LoginAsync("member@example.com", "member password 123");
        var refused = await emulator.TokenApiAsync(HttpMethod.Put, $"v8/scim/auth-tokens/{tokenId}", member, new JsonObject { ["name"] = "x" });
        Assert.Equal(403, refused.Status);
        Assert.Equal(200, (await emulator.TokenApiAsync(HttpMethod.Put, $"v8/scim/auth-tokens/{tokenId}", owner,
            new JsonObject { ["name"] = "token:" + tokenId })).Status);
        var renamed = await emulator.TokenApiAsync(HttpMethod.Get, "v8/scim/auth-tokens", owner);
        Assert.Equal("token:" + tokenId, (string?)renamed.Object["tokens"]!.AsArray().Single(t => (string?)t!["id"] == tokenId)!["name"]);
    }

    [Fact]
    public async Task With_two_IdPs_a_v0_token_is_refused_and_none_is_made()
    {
        // testSparCreateTwoScimTokensForOneIdp
        await using var emulator = await TestEmulator.StartAsync(o =>
        {
            o.ScimToken = null;
            o.IdpIds.Add(TestEmulator.IdpId);
            o.IdpIds.Add("9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a");
        });
        var owner = await emulator.LoginAsync();
        var reply = await emulator.TokenApiAsync(HttpMethod.Post, "scim/auth-tokens", owner,
            new JsonObject { ["description"] = "d", ["password"] = TestEmulator.AdminPassword });
        Assert.Equal(400, reply.Status);
        Assert.Empty((await emulator.TokenApiAsync(HttpMethod.Get, "scim/auth-tokens", owner)).Object["tokens"]!.AsArray());
    }
}

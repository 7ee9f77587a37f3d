using System;
using System.Collections.Specialized;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    public class UserProvisionerTests
    {
        private static (UserProvisioner Provisioner, ScriptedTransport Transport) Create()
        {
            var transport = new ScriptedTransport();
            var client = new UserClient(transport, WireUri.Parse("https://wire.example.com"), SecretText.Protect("test-token"));
            return (new UserProvisioner(client, new RetryPolicy { MaxAttempts = 4, BaseDelay = TimeSpan.FromMilliseconds(1) }), transport);
        }

        private static UserValues Alice() => new UserValues { UserName = "alice", ExternalId = "alice@example.com", DisplayName = "Alice" };

        private static string AliceJson(string id = TestUsers.AliceId) => TestUsers.Json(id, "alice", "alice@example.com", "Alice");

        private static int Count(ScriptedTransport transport, HttpMethod method) => transport.Requests.Count(r => r.Method == method);

        [Fact]
        public async Task Plain_create_posts_once()
        {
            var (provisioner, transport) = Create();
            transport.ThenRespond(201, AliceJson());
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Created, result.Outcome);
            Assert.Equal(TestUsers.AliceId, result.User.Id);
            var post = Assert.Single(transport.Requests);
            Assert.Equal(HttpMethod.Post, post.Method);
            Assert.Equal("/scim/v2/Users", post.Uri.AbsolutePath);
            using var body = JsonDocument.Parse(post.Body!);
            Assert.Equal("alice", body.RootElement.GetProperty("userName").GetString());
            Assert.Equal(JsonValueKind.True, body.RootElement.GetProperty("active").ValueKind);
        }

        [Theory]
        [InlineData(WireScimErrorKind.OutcomeUnknown)]
        [InlineData(WireScimErrorKind.Timeout)]
        public async Task Lost_answer_then_lookup_finds_same_user_is_created_with_one_post(WireScimErrorKind kind)
        {
            var (provisioner, transport) = Create();
            transport.ThenFail(kind).ThenRespond(200, TestUsers.List(AliceJson()));
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Created, result.Outcome);
            Assert.Equal(TestUsers.AliceId, result.User.Id);
            Assert.Equal(1, Count(transport, HttpMethod.Post));
            var lookup = transport.Requests[1];
            Assert.Equal(HttpMethod.Get, lookup.Method);
            var filter = Uri.UnescapeDataString(lookup.Uri.Query);
            Assert.Contains("externalId eq \"alice@example.com\"", filter);
        }

        [Fact]
        public async Task Lost_answer_of_500_then_lookup_finds_same_user_is_created()
        {
            var (provisioner, transport) = Create();
            transport.ThenRespond(502, "<html>bad gateway</html>", contentType: "text/html").ThenRespond(200, TestUsers.List(AliceJson()));
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Created, result.Outcome);
            Assert.Equal(1, Count(transport, HttpMethod.Post));
        }

        [Fact]
        public async Task Lost_answer_then_lookup_finds_nothing_posts_again()
        {
            var (provisioner, transport) = Create();
            transport.ThenFail(WireScimErrorKind.OutcomeUnknown)
                     .ThenRespond(200, TestUsers.List())
                     .ThenRespond(201, AliceJson());
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Created, result.Outcome);
            Assert.Equal(2, Count(transport, HttpMethod.Post));
            Assert.Equal(new[] { HttpMethod.Post, HttpMethod.Get, HttpMethod.Post }, transport.Requests.Select(r => r.Method).ToArray());
        }

        [Fact]
        public async Task Lost_answer_then_conflict_with_same_user_is_still_created()
        {
            var (provisioner, transport) = Create();
            transport.ThenFail(WireScimErrorKind.OutcomeUnknown)
                     .ThenRespond(200, TestUsers.List())
                     .ThenRespond(409, TestUsers.ScimError(409, "uniqueness", "externalId is already taken"))
                     .ThenRespond(200, TestUsers.List(AliceJson()));
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Created, result.Outcome);
            Assert.Equal(2, Count(transport, HttpMethod.Post));
        }

        [Fact]
        public async Task Lost_answers_give_up_after_the_policy_s_attempts()
        {
            var (provisioner, transport) = Create();
            for (int i = 0; i < 10; i++) transport.ThenFail(WireScimErrorKind.OutcomeUnknown).ThenRespond(200, TestUsers.List());
            var error = await Assert.ThrowsAsync<WireScimException>(() => provisioner.CreateAsync(Alice(), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.OutcomeUnknown, error.Kind);
            Assert.Equal(4, Count(transport, HttpMethod.Post));
        }

        [Fact]
        public async Task Conflict_with_same_user_already_existed()
        {
            var (provisioner, transport) = Create();
            transport.ThenRespond(409, TestUsers.ScimError(409, "uniqueness", "externalId is already taken"))
                     .ThenRespond(200, TestUsers.List(AliceJson()));
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.AlreadyExisted, result.Outcome);
            Assert.Equal(TestUsers.AliceId, result.User.Id);
            Assert.Equal(1, Count(transport, HttpMethod.Post));
        }

        [Fact]
        public async Task Conflict_in_wire_envelope_with_same_user_already_existed()
        {
            var (provisioner, transport) = Create();
            var envelope = "{\"code\":409,\"label\":\"scim-error\",\"message\":" + JsonSerializer.Serialize(TestUsers.ScimError(409, "uniqueness", "userName is already taken")) + "}";
            transport.ThenRespond(409, envelope, contentType: "application/json").ThenRespond(200, TestUsers.List(AliceJson()));
            var result = await provisioner.CreateAsync(Alice(), CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.AlreadyExisted, result.Outcome);
        }

        [Theory]
        [InlineData("bob", "alice@example.com", "Alice")]
        [InlineData("alice", "other@example.com", "Alice")]
        [InlineData("alice", "alice@example.com", "Someone Else")]
        public async Task Conflict_with_different_user_rethrows(string userName, string externalId, string displayName)
        {
            var (provisioner, transport) = Create();
            transport.ThenRespond(409, TestUsers.ScimError(409, "uniqueness", "externalId is already taken"))
                     .ThenRespond(200, TestUsers.List(TestUsers.Json(TestUsers.OtherId, userName, externalId, displayName)));
            var error = await Assert.ThrowsAsync<WireScimException>(() => provisioner.CreateAsync(Alice(), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.Conflict, error.Kind);
            Assert.Equal("WireScim.ExternalIdTaken", error.ErrorId);
            Assert.Equal(1, Count(transport, HttpMethod.Post));
        }

        [Fact]
        public async Task Conflict_with_nobody_found_rethrows()
        {
            var (provisioner, transport) = Create();
            transport.ThenRespond(409, TestUsers.ScimError(409, "uniqueness", "userName is already taken"))
                     .ThenRespond(200, TestUsers.List());
            var error = await Assert.ThrowsAsync<WireScimException>(() => provisioner.CreateAsync(Alice(), CancellationToken.None));
            Assert.Equal("WireScim.UserNameTaken", error.ErrorId);
            Assert.Equal(1, Count(transport, HttpMethod.Post));
        }

        [Fact]
        public async Task Other_errors_are_not_looked_up()
        {
            var (provisioner, transport) = Create();
            transport.ThenRespond(400, TestUsers.ScimError(400, "invalidValue", "externalId is required"));
            var error = await Assert.ThrowsAsync<WireScimException>(() => provisioner.CreateAsync(Alice(), CancellationToken.None));
            Assert.Equal(WireScimErrorKind.InvalidRequest, error.Kind);
            Assert.Equal(1, transport.Calls);
        }

        [Fact]
        public async Task Update_without_changes_sends_nothing()
        {
            var (provisioner, transport) = Create();
            var current = UserJson.Read(AliceJson());
            var result = await provisioner.UpdateAsync(current, new UserValues { DisplayName = "Alice" }, false, CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Unchanged, result.Outcome);
            Assert.Equal(0, transport.Calls);
        }

        [Fact]
        public async Task Update_puts_the_merged_user()
        {
            var (provisioner, transport) = Create();
            var current = UserJson.Read(AliceJson());
            transport.ThenRespond(200, TestUsers.Json(TestUsers.AliceId, "alice", "alice@example.com", "Alice B."));
            var result = await provisioner.UpdateAsync(current, new UserValues { DisplayName = "Alice B." }, false, CancellationToken.None);
            Assert.Equal(ProvisioningOutcome.Updated, result.Outcome);
            var put = Assert.Single(transport.Requests);
            Assert.Equal(HttpMethod.Put, put.Method);
            Assert.EndsWith("/scim/v2/Users/" + TestUsers.AliceId, put.Uri.AbsolutePath);
            using var body = JsonDocument.Parse(put.Body!);
            Assert.Equal("Alice B.", body.RootElement.GetProperty("displayName").GetString());
            Assert.Equal("alice", body.RootElement.GetProperty("userName").GetString());
            Assert.Equal("alice@example.com", body.RootElement.GetProperty("externalId").GetString());
        }
    }

    public class UserValuesTests
    {
        private static User Current()
        {
            var user = new User
            {
                Id = TestUsers.AliceId, UserName = "alice", DisplayName = "Alice", ExternalId = "alice@example.com", Email = "alice@example.com",
                Active = true, Role = "member", PreferredLanguage = "en", Version = "W/\"1\"",
            };
            user.RichInfo["Department"] = "Sales";
            user.RichInfo["Floor"] = "3";
            return user;
        }

        private static OrderedDictionary Fields(params (string Key, string? Value)[] fields)
        {
            var dictionary = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in fields) dictionary[key] = value;
            return dictionary;
        }

        [Fact]
        public void Empty_patch_changes_nothing()
        {
            var current = Current();
            var (merged, changes) = new UserValues().ApplyTo(current);
            Assert.Empty(changes);
            Assert.Equal("Alice", merged.DisplayName);
            Assert.Equal(new[] { "Department", "Floor" }, merged.RichInfo.Keys.Cast<string>().ToArray());
        }

        [Fact]
        public void Same_values_change_nothing()
        {
            var patch = new UserValues
            {
                UserName = "alice", DisplayName = "Alice", ExternalId = "alice@example.com", Email = "alice@example.com",
                Active = true, Role = "member", PreferredLanguage = "en", RichInfo = Fields(("Department", "Sales")),
            };
            Assert.Empty(patch.ApplyTo(Current()).Changes);
        }

        [Fact]
        public void Only_given_attributes_change()
        {
            var current = Current();
            var (merged, changes) = new UserValues { DisplayName = "Alice B.", Role = "admin" }.ApplyTo(current);
            Assert.Equal("Alice B.", merged.DisplayName);
            Assert.Equal("admin", merged.Role);
            Assert.Equal("alice", merged.UserName);
            Assert.Equal("alice@example.com", merged.ExternalId);
            Assert.Equal("alice@example.com", merged.Email);
            Assert.Equal("en", merged.PreferredLanguage);
            Assert.True(merged.Active);
            Assert.Equal(TestUsers.AliceId, merged.Id);
            Assert.Equal(2, changes.Count);
            var name = changes.Single(c => c.Attribute == UserField.DisplayName);
            Assert.Equal("Alice", name.OldValue);
            Assert.Equal("Alice B.", name.NewValue);
            var role = changes.Single(c => c.Attribute == UserField.Role);
            Assert.Equal("member", role.OldValue);
            Assert.Equal("admin", role.NewValue);
        }

        [Fact]
        public void ApplyTo_leaves_the_current_user_untouched()
        {
            var current = Current();
            new UserValues { DisplayName = "X", RichInfo = Fields(("Department", "Y"), ("New", "Z")) }.ApplyTo(current);
            Assert.Equal("Alice", current.DisplayName);
            Assert.Equal("Sales", current.RichInfo["Department"]);
            Assert.False(current.RichInfo.Contains("New"));
        }

        [Fact]
        public void Active_change_is_listed_as_text()
        {
            var (merged, changes) = new UserValues { Active = false }.ApplyTo(Current());
            Assert.False(merged.Active);
            var change = Assert.Single(changes);
            Assert.Equal(UserField.Active, change.Attribute);
            Assert.Equal("True", change.OldValue);
            Assert.Equal("False", change.NewValue);
        }

        [Fact]
        public void Rich_info_merged_keeping_other_fields()
        {
            var (merged, changes) = new UserValues { RichInfo = Fields(("Department", "Marketing"), ("Building", "B2")) }.ApplyTo(Current());
            Assert.Equal("Marketing", merged.RichInfo["Department"]);
            Assert.Equal("3", merged.RichInfo["Floor"]);
            Assert.Equal("B2", merged.RichInfo["Building"]);
            Assert.Equal(new[] { "Department", "Floor", "Building" }, merged.RichInfo.Keys.Cast<string>().ToArray());
            Assert.Equal(2, changes.Count);
            var department = changes.Single(c => c.Attribute == UserField.RichInfo && c.Field == "Department");
            Assert.Equal("Sales", department.OldValue);
            Assert.Equal("Marketing", department.NewValue);
            var building = changes.Single(c => c.Attribute == UserField.RichInfo && c.Field == "Building");
            Assert.Null(building.OldValue);
            Assert.Equal("B2", building.NewValue);
        }

        [Fact]
        public void Rich_info_key_matched_ignoring_case()
        {
            var (merged, changes) = new UserValues { RichInfo = Fields(("department", "Sales")) }.ApplyTo(Current());
            Assert.Empty(changes);
            Assert.Equal(2, merged.RichInfo.Count);
        }

        [Fact]
        public void Rich_info_empty_value_removes_the_field()
        {
            var (merged, changes) = new UserValues { RichInfo = Fields(("Floor", "")) }.ApplyTo(Current());
            Assert.False(merged.RichInfo.Contains("Floor"));
            Assert.True(merged.RichInfo.Contains("Department"));
            var change = Assert.Single(changes);
            Assert.Equal((UserField.RichInfo, "Floor"), (change.Attribute, change.Field));
            Assert.Equal("3", change.OldValue);
        }

        [Fact]
        public void Null_attributes_in_patch_mean_not_given()
        {
            var (merged, changes) = new UserValues { DisplayName = null, Email = null, Active = null }.ApplyTo(Current());
            Assert.Empty(changes);
            Assert.Equal("alice@example.com", merged.Email);
        }

        [Fact]
        public void Changes_from_null_are_listed()
        {
            var current = Current();
            current.PreferredLanguage = null;
            var change = Assert.Single(new UserValues { PreferredLanguage = "de" }.ApplyTo(current).Changes);
            Assert.Equal(UserField.PreferredLanguage, change.Attribute);
            Assert.Null(change.OldValue);
            Assert.Equal("de", change.NewValue);
        }

        [Fact]
        public void ToNewUser_is_active_unless_said_otherwise()
        {
            Assert.True(new UserValues { UserName = "a" }.ToNewUser().Active);
            Assert.False(new UserValues { UserName = "a", Active = false }.ToNewUser().Active);
        }

        [Fact]
        public void ToNewUser_copies_attributes_and_rich_info()
        {
            var user = new UserValues { UserName = "a", ExternalId = "e", Email = "a@example.com", Role = "admin", RichInfo = Fields(("Dept", "Sales")) }.ToNewUser();
            Assert.Equal("a", user.UserName);
            Assert.Equal("e", user.ExternalId);
            Assert.Equal("a@example.com", user.Email);
            Assert.Equal("admin", user.Role);
            Assert.Equal("Sales", user.RichInfo["dept"]);
        }

        [Theory]
        [InlineData("alice", "alice@example.com", "Alice", true)]
        [InlineData("alice", "alice@example.com", null, true)]
        [InlineData("alice", "Alice@example.com", "Alice", false)]
        [InlineData("bob", "alice@example.com", "Alice", false)]
        [InlineData("alice", "alice@example.com", "Other", false)]
        public void DescribesSameUser(string userName, string externalId, string? displayName, bool expected)
        {
            var patch = new UserValues { UserName = userName, ExternalId = externalId, DisplayName = displayName };
            Assert.Equal(expected, patch.DescribesSameUser(Current()));
        }
    }
}

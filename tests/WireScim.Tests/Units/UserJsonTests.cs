using System;
using System.Linq;
using System.Text.Json;
using WireScim.Scim;
using WireScim.Tests.TestServers;
using Xunit;

namespace WireScim.Tests.Units
{
    public class UserJsonTests
    {
        private const string CoreUrn = "urn:ietf:params:scim:schemas:core:2.0:User";
        private const string ProfileUrn = "urn:wire:scim:schemas:profile:1.0";
        private const string MapUrn = "urn:ietf:params:scim:schemas:extension:wire:1.0:User";

        private static User FullUser()
        {
            var user = new User
            {
                UserName = "alice", DisplayName = "Alice Example", ExternalId = "alice@example.com", Email = "alice@example.com",
                Active = true, Role = "member", PreferredLanguage = "de",
            };
            user.RichInfo["Department"] = "Sales";
            user.RichInfo["Floor"] = "3";
            return user;
        }

        private static JsonElement Written(User user)
        {
            using var document = JsonDocument.Parse(UserJson.Write(user));
            return document.RootElement.Clone();
        }

        private static string[] Keys(User user) => user.RichInfo.Keys.Cast<string>().ToArray();

        // ---------------- Write ----------------

        [Fact]
        public void Write_core_attributes()
        {
            var json = Written(FullUser());
            Assert.Equal(JsonValueKind.Object, json.ValueKind);
            Assert.Equal("alice", json.GetProperty("userName").GetString());
            Assert.Equal("Alice Example", json.GetProperty("displayName").GetString());
            Assert.Equal("alice@example.com", json.GetProperty("externalId").GetString());
            Assert.Equal("de", json.GetProperty("preferredLanguage").GetString());
            Assert.Equal(JsonValueKind.True, json.GetProperty("active").ValueKind);
        }

        [Fact]
        public void Write_schemas_name_core_user_and_profile()
        {
            var schemas = Written(FullUser()).GetProperty("schemas").EnumerateArray().Select(s => s.GetString()).ToArray();
            Assert.Contains(CoreUrn, schemas);
            Assert.Contains(ProfileUrn, schemas);
        }

        [Fact]
        public void Write_emails_as_one_value_object()
        {
            var emails = Written(FullUser()).GetProperty("emails");
            var email = Assert.Single(emails.EnumerateArray());
            Assert.Equal(JsonValueKind.Object, email.ValueKind);
            Assert.Equal("alice@example.com", email.GetProperty("value").GetString());
            Assert.Single(email.EnumerateObject());
        }

        [Fact]
        public void Write_roles_as_string_list()
        {
            var role = Assert.Single(Written(FullUser()).GetProperty("roles").EnumerateArray());
            Assert.Equal(JsonValueKind.String, role.ValueKind);
            Assert.Equal("member", role.GetString());
        }

        [Fact]
        public void Write_rich_info_under_profile_urn_in_order()
        {
            var richInfo = Written(FullUser()).GetProperty(ProfileUrn).GetProperty("richInfo");
            Assert.Equal(0, richInfo.GetProperty("version").GetInt32());
            var fields = richInfo.GetProperty("fields").EnumerateArray().ToArray();
            Assert.Equal(2, fields.Length);
            Assert.Equal("Department", fields[0].GetProperty("type").GetString());
            Assert.Equal("Sales", fields[0].GetProperty("value").GetString());
            Assert.Equal("Floor", fields[1].GetProperty("type").GetString());
            Assert.Equal("3", fields[1].GetProperty("value").GetString());
        }

        [Fact]
        public void Write_empty_rich_info_as_empty_field_list()
        {
            var richInfo = Written(new User { UserName = "bob", ExternalId = "b" }).GetProperty(ProfileUrn).GetProperty("richInfo");
            Assert.Equal(0, richInfo.GetProperty("version").GetInt32());
            Assert.Empty(richInfo.GetProperty("fields").EnumerateArray());
        }

        [Fact]
        public void Write_leaves_out_absent_attributes()
        {
            var json = Written(new User { UserName = "bob", ExternalId = "b@example.com", Active = false });
            Assert.False(json.TryGetProperty("displayName", out _));
            Assert.False(json.TryGetProperty("emails", out _));
            Assert.False(json.TryGetProperty("roles", out _));
            Assert.False(json.TryGetProperty("preferredLanguage", out _));
            Assert.False(json.TryGetProperty("id", out _));
            Assert.False(json.TryGetProperty("meta", out _));
            Assert.False(json.TryGetProperty("password", out _));
            Assert.Equal(JsonValueKind.False, json.GetProperty("active").ValueKind);
        }

        [Fact]
        public void Write_keeps_unicode_and_quotes_intact()
        {
            var user = new User { UserName = "j", ExternalId = "x\"y\\z", DisplayName = "J\u00fcrgen \U0001F600 <b>&" };
            var json = Written(user);
            Assert.Equal("J\u00fcrgen \U0001F600 <b>&", json.GetProperty("displayName").GetString());
            Assert.Equal("x\"y\\z", json.GetProperty("externalId").GetString());
        }

        [Fact]
        public void Write_then_Read_round_trips()
        {
            var original = FullUser();
            var read = UserJson.Read(System.Text.Encoding.UTF8.GetString(UserJson.Write(original)));
            Assert.Equal(original.UserName, read.UserName);
            Assert.Equal(original.DisplayName, read.DisplayName);
            Assert.Equal(original.ExternalId, read.ExternalId);
            Assert.Equal(original.Email, read.Email);
            Assert.Equal(original.Role, read.Role);
            Assert.Equal(original.PreferredLanguage, read.PreferredLanguage);
            Assert.Equal(original.Active, read.Active);
            Assert.Equal(new[] { "Department", "Floor" }, Keys(read));
            Assert.Equal("Sales", read.RichInfo["department"]);
        }

        // ---------------- Read ----------------

        [Fact]
        public void Read_attribute_names_in_any_case()
        {
            var user = UserJson.Read("{\"ID\":\"" + TestUsers.AliceId + "\",\"UserName\":\"alice\",\"DISPLAYNAME\":\"Alice\",\"ExternalID\":\"a@example.com\"," +
                                     "\"Active\":true,\"PreferredLanguage\":\"en\",\"Emails\":[{\"Value\":\"a@example.com\"}],\"ROLES\":[\"admin\"]}");
            Assert.Equal(TestUsers.AliceId, user.Id);
            Assert.Equal("alice", user.UserName);
            Assert.Equal("Alice", user.DisplayName);
            Assert.Equal("a@example.com", user.ExternalId);
            Assert.True(user.Active);
            Assert.Equal("en", user.PreferredLanguage);
            Assert.Equal("a@example.com", user.Email);
            Assert.Equal("admin", user.Role);
        }

        [Theory]
        [InlineData("[\"member\"]", "member")]
        [InlineData("[{\"value\":\"admin\"}]", "admin")]
        [InlineData("[{\"Value\":\"owner\",\"primary\":true}]", "owner")]
        [InlineData("[]", null)]
        public void Read_roles_as_strings_or_objects(string roles, string? expected)
        {
            Assert.Equal(expected, UserJson.Read("{\"id\":\"x\",\"roles\":" + roles + "}").Role);
        }

        [Fact]
        public void Read_email_primary_wins()
        {
            var user = UserJson.Read("{\"emails\":[{\"value\":\"home@example.com\",\"type\":\"home\"},{\"value\":\"work@example.com\",\"type\":\"work\",\"primary\":true}]}");
            Assert.Equal("work@example.com", user.Email);
        }

        [Fact]
        public void Read_email_primary_as_string_true_wins()
        {
            var user = UserJson.Read("{\"emails\":[{\"value\":\"a@example.com\",\"primary\":\"False\"},{\"value\":\"b@example.com\",\"primary\":\"True\"}]}");
            Assert.Equal("b@example.com", user.Email);
        }

        [Fact]
        public void Read_email_first_when_none_primary()
        {
            var user = UserJson.Read("{\"emails\":[{\"value\":\"first@example.com\",\"type\":\"work\"},{\"value\":\"second@example.com\"}]}");
            Assert.Equal("first@example.com", user.Email);
        }

        [Fact]
        public void Read_no_emails_gives_null()
        {
            Assert.Null(UserJson.Read("{\"emails\":[]}").Email);
            Assert.Null(UserJson.Read("{\"userName\":\"x\"}").Email);
        }

        [Theory]
        [InlineData("true", true)]
        [InlineData("false", false)]
        [InlineData("\"True\"", true)]
        [InlineData("\"FALSE\"", false)]
        [InlineData("\"true\"", true)]
        public void Read_active_as_boolean_or_text(string active, bool expected)
        {
            Assert.Equal(expected, UserJson.Read("{\"active\":" + active + "}").Active);
        }

        [Fact]
        public void Read_rich_info_from_profile_list()
        {
            var user = UserJson.Read("{\"" + ProfileUrn + "\":{\"richInfo\":{\"version\":0,\"fields\":[{\"type\":\"Department\",\"value\":\"Sales\"},{\"type\":\"Floor\",\"value\":\"3\"}]}}}");
            Assert.Equal(new[] { "Department", "Floor" }, Keys(user));
            Assert.Equal("Sales", user.RichInfo["Department"]);
        }

        [Fact]
        public void Read_rich_info_from_flat_map()
        {
            var user = UserJson.Read("{\"" + MapUrn + "\":{\"Department\":\"Sales\",\"Building\":\"B2\"}}");
            Assert.Equal("Sales", user.RichInfo["Department"]);
            Assert.Equal("B2", user.RichInfo["Building"]);
            Assert.Equal(new[] { "Building", "Department" }, Keys(user));
        }

        [Fact]
        public void Read_rich_info_map_overrides_list_and_appends_new_keys_alphabetically()
        {
            var user = UserJson.Read("{" +
                "\"" + ProfileUrn + "\":{\"richInfo\":{\"version\":0,\"fields\":[{\"type\":\"Department\",\"value\":\"Sales\"},{\"type\":\"Floor\",\"value\":\"3\"}]}}," +
                "\"" + MapUrn + "\":{\"Zone\":\"Z\",\"department\":\"Marketing\",\"Building\":\"B2\"}}");
            var keys = Keys(user);
            Assert.Equal(4, keys.Length);
            Assert.Equal("department", keys[0], ignoreCase: true);
            Assert.Equal("Floor", keys[1]);
            Assert.Equal("Building", keys[2]);
            Assert.Equal("Zone", keys[3]);
            Assert.Equal("Marketing", user.RichInfo["Department"]);
        }

        [Fact]
        public void Read_rich_info_new_map_keys_sorted_ignoring_case_as_spar_does()
        {
            // spar keeps the map as Map (CI Text) Text, so Map.toAscList orders keys case-insensitively.
            var user = UserJson.Read("{\"" + MapUrn + "\":{\"beta\":\"2\",\"Gamma\":\"3\",\"alpha\":\"1\"}}");
            Assert.Equal(new[] { "alpha", "beta", "Gamma" }, Keys(user));
        }

        [Fact]
        public void Read_rich_info_empty_values_dropped()
        {
            var user = UserJson.Read("{" +
                "\"" + ProfileUrn + "\":{\"richInfo\":{\"version\":0,\"fields\":[{\"type\":\"Empty\",\"value\":\"\"},{\"type\":\"Kept\",\"value\":\"k\"}]}}," +
                "\"" + MapUrn + "\":{\"AlsoEmpty\":\"\"}}");
            Assert.Equal(new[] { "Kept" }, Keys(user));
        }

        [Fact]
        public void Read_rich_info_legacy_array_form()
        {
            var user = UserJson.Read("{\"" + ProfileUrn + "\":{\"richInfo\":[{\"type\":\"Dept\",\"value\":\"Sales\"},{\"type\":\"Site\",\"value\":\"Berlin\"}]}}");
            Assert.Equal(new[] { "Dept", "Site" }, Keys(user));
            Assert.Equal("Berlin", user.RichInfo["site"]);
        }

        [Fact]
        public void Read_rich_info_urns_and_keys_in_any_case()
        {
            var user = UserJson.Read("{\"URN:WIRE:SCIM:SCHEMAS:PROFILE:1.0\":{\"RichInfo\":{\"Version\":0,\"Fields\":[{\"Type\":\"Dept\",\"Value\":\"Sales\"}]}}," +
                                     "\"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:WIRE:1.0:USER\":{\"Site\":\"Berlin\"}}");
            Assert.Equal("Sales", user.RichInfo["Dept"]);
            Assert.Equal("Berlin", user.RichInfo["Site"]);
        }

        [Fact]
        public void Read_rich_info_lookup_ignores_case()
        {
            var user = UserJson.Read("{\"" + MapUrn + "\":{\"Department\":\"Sales\"}}");
            Assert.True(user.RichInfo.Contains("DEPARTMENT"));
        }

        [Fact]
        public void Read_wire_empty_user_shape()
        {
            var user = UserJson.Read("{\"id\":\"" + TestUsers.AliceId + "\",\"" + MapUrn + "\":{},\"" + ProfileUrn + "\":{\"richInfo\":{\"fields\":[],\"version\":0}}}");
            Assert.Empty(user.RichInfo);
        }

        [Fact]
        public void Read_meta()
        {
            var user = UserJson.Read("{\"id\":\"" + TestUsers.AliceId + "\",\"meta\":{\"resourceType\":\"User\",\"created\":\"2026-08-11T10:24:56.543Z\"," +
                                     "\"lastModified\":\"2026-08-12T08:00:00.000Z\",\"version\":\"W/\\\"2e549d65\\\"\"," +
                                     "\"location\":\"https://prod-nginz-https.wire.com/scim/v2/Users/" + TestUsers.AliceId + "\"}}");
            Assert.Equal(new DateTime(2026, 8, 11, 10, 24, 56, 543, DateTimeKind.Utc), user.Created);
            Assert.Equal(DateTimeKind.Utc, user.Created!.Value.Kind);
            Assert.Equal(new DateTime(2026, 8, 12, 8, 0, 0, DateTimeKind.Utc), user.LastModified);
            Assert.Equal("W/\"2e549d65\"", user.Version);
            Assert.Equal(new Uri("https://prod-nginz-https.wire.com/scim/v2/Users/" + TestUsers.AliceId), user.Location);
        }

        [Fact]
        public void Read_meta_tolerates_bad_values()
        {
            var user = UserJson.Read("{\"meta\":{\"created\":\"yesterday\",\"location\":\"not a uri\",\"version\":null}}");
            Assert.Null(user.Created);
            Assert.Null(user.Location);
            Assert.Null(user.Version);
        }

        [Fact]
        public void Read_wire_create_response_example()
        {
            var user = UserJson.Read(@"{
  ""schemas"": [""urn:ietf:params:scim:schemas:core:2.0:User"",""urn:wire:scim:schemas:profile:1.0"",""urn:ietf:params:scim:schemas:extension:wire:1.0:User""],
  ""id"": ""f5a361e7-d185-4fee-b290-bdb08f2291ac"",
  ""userName"": ""jbu12345678920"",
  ""externalId"": ""2f43f66f-9fe5-4ef8-92c9-6e98fe5ad323"",
  ""displayName"": ""Mustermann"",
  ""preferredLanguage"": ""en"",
  ""active"": false,
  ""emails"": [{""value"": ""jbu@example.com""}],
  ""roles"": [""member""],
  ""urn:ietf:params:scim:schemas:extension:wire:1.0:User"": {},
  ""urn:wire:scim:schemas:profile:1.0"": {""richInfo"": {""fields"": [], ""version"": 0}},
  ""meta"": {""resourceType"": ""User"",""created"": ""2026-08-11T10:24:56.543Z"",""lastModified"": ""2026-08-11T10:24:56.543Z"",
           ""version"": ""W/\""2e549d65\"""",
           ""location"": ""https://prod-nginz-https.wire.com/scim/v2/Users/f5a361e7-d185-4fee-b290-bdb08f2291ac""}
}");
            Assert.Equal("f5a361e7-d185-4fee-b290-bdb08f2291ac", user.Id);
            Assert.Equal("jbu12345678920", user.UserName);
            Assert.Equal("jbu@example.com", user.Email);
            Assert.False(user.Active);
            Assert.Equal("member", user.Role);
            Assert.Empty(user.RichInfo);
            Assert.Equal(user.Created, user.LastModified);
        }

        [Theory]
        [InlineData("[]")]
        [InlineData("\"user\"")]
        [InlineData("null")]
        public void Read_non_object_throws_JsonException(string text)
        {
            Assert.ThrowsAny<JsonException>(() => UserJson.Read(text));
        }

        [Fact]
        public void Read_invalid_json_throws_JsonException()
        {
            Assert.ThrowsAny<JsonException>(() => UserJson.Read("{\"userName\":"));
        }

        [Fact]
        public void Read_ignores_unknown_and_dropped_attributes()
        {
            var user = UserJson.Read("{\"userName\":\"a\",\"name\":{\"givenName\":\"A\"},\"title\":\"Boss\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":{\"department\":\"x\"}}");
            Assert.Equal("a", user.UserName);
            Assert.Empty(user.RichInfo);
        }
    }
}

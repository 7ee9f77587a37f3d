using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using WireScim.Scim;
using WireScim.Validation;
using Xunit;

namespace WireScim.Tests.Units
{
    public class UserValidatorTests
    {
        private static UserInput Valid(Action<UserInput>? change = null)
        {
            var input = new UserInput { UserName = "alice", ExternalId = "alice@example.com" };
            change?.Invoke(input);
            return input;
        }

        private static ValidationResult Create(UserInput input, TeamMode mode = TeamMode.SingleSignOn) => UserValidator.Validate(input, true, mode);
        private static ValidationResult Update(UserInput input, TeamMode mode = TeamMode.SingleSignOn) => UserValidator.Validate(input, false, mode);

        private static ValidationProblem Single(ValidationResult result, string errorId)
        {
            Assert.False(result.IsValid);
            var problem = Assert.Single(result.Problems);
            Assert.Equal(errorId, problem.ErrorId);
            return problem;
        }

        private static OrderedDictionary Fields(params (string Key, object? Value)[] fields)
        {
            var dictionary = new OrderedDictionary();
            foreach (var (key, value) in fields) dictionary.Add(key, value);
            return dictionary;
        }

        [Fact]
        public void Valid_minimal_input_passes()
        {
            var result = Create(Valid());
            Assert.True(result.IsValid);
            Assert.Empty(result.Problems);
            Assert.Equal("alice", result.User.UserName);
            Assert.Equal("alice@example.com", result.User.ExternalId);
        }

        // ---------------- userName ----------------

        [Fact]
        public void UserName_is_lowercased_with_a_note()
        {
            var result = Create(Valid(i => i.UserName = "Alice.Smith"));
            Assert.True(result.IsValid);
            Assert.Equal("alice.smith", result.User.UserName);
            var note = Assert.Single(result.Notes);
            Assert.Contains("Alice.Smith", note);
            Assert.Contains("alice.smith", note);
        }

        [Fact]
        public void Lowercase_userName_gives_no_note()
        {
            var result = Create(Valid(i => i.UserName = "alice.smith"));
            Assert.Empty(result.Notes);
        }

        [Fact]
        public void UserName_surrounding_whitespace_is_trimmed()
        {
            var result = Create(Valid(i => i.UserName = "  bob  "));
            Assert.True(result.IsValid);
            Assert.Equal("bob", result.User.UserName);
        }

        [Theory]
        [InlineData("ab")]
        [InlineData("a-z_0.9")]
        [InlineData("0123456789")]
        [InlineData("..")]
        [InlineData("__")]
        public void UserName_with_allowed_characters_passes(string userName)
        {
            var result = Create(Valid(i => i.UserName = userName));
            Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Message)));
            Assert.Equal(userName, result.User.UserName);
        }

        [Theory]
        [InlineData(2, true)]
        [InlineData(256, true)]
        [InlineData(1, false)]
        [InlineData(257, false)]
        public void UserName_length_boundaries(int length, bool valid)
        {
            var result = Create(Valid(i => i.UserName = new string('a', length)));
            Assert.Equal(valid, result.IsValid);
            if (!valid)
            {
                var problem = Single(result, "WireScim.InvalidUserName");
                Assert.Equal("UserName", problem.Field);
                Assert.Contains(length.ToString(), problem.Message);
                Assert.Contains("2 to 256", problem.Message);
            }
        }

        [Fact]
        public void UserName_of_one_character_says_character_singular()
        {
            var problem = Single(Create(Valid(i => i.UserName = "a")), "WireScim.InvalidUserName");
            Assert.Contains("has 1 character;", problem.Message);
        }

        [Theory]
        [InlineData("john doe", "(space)")]
        [InlineData("john@example.com", "'@'")]
        [InlineData("jos\u00e9", "'\u00e9'")]
        [InlineData("bob\U0001F600", "emoji")]
        [InlineData("a+b", "'+'")]
        public void UserName_with_illegal_character_names_it(string userName, string named)
        {
            var problem = Single(Create(Valid(i => i.UserName = userName)), "WireScim.InvalidUserName");
            Assert.Equal("UserName", problem.Field);
            Assert.Contains(named, problem.Message);
            Assert.Contains(userName, problem.Message);
            Assert.Equal(userName, problem.Value);
        }

        [Fact]
        public void UserName_required_on_create()
        {
            var problem = Single(Create(Valid(i => i.UserName = null)), "WireScim.MissingUserName");
            Assert.Equal("UserName", problem.Field);
        }

        [Fact]
        public void Blank_userName_counts_as_missing_on_create()
        {
            Single(Create(Valid(i => i.UserName = "   ")), "WireScim.MissingUserName");
        }

        [Fact]
        public void UserName_not_required_on_update()
        {
            var result = Update(new UserInput { DisplayName = "Alice" });
            Assert.True(result.IsValid);
            Assert.Null(result.User.UserName);
            Assert.Null(result.User.ExternalId);
            Assert.Equal("Alice", result.User.DisplayName);
        }

        [Fact]
        public void UserName_rules_still_apply_on_update()
        {
            Single(Update(new UserInput { UserName = "x" }), "WireScim.InvalidUserName");
        }

        // ---------------- displayName ----------------

        [Theory]
        [InlineData(1, true)]
        [InlineData(128, true)]
        [InlineData(129, false)]
        public void DisplayName_length_boundaries(int length, bool valid)
        {
            var result = Create(Valid(i => i.DisplayName = new string('x', length)));
            Assert.Equal(valid, result.IsValid);
            if (!valid)
            {
                var problem = Single(result, "WireScim.InvalidDisplayName");
                Assert.Equal("DisplayName", problem.Field);
                Assert.Contains("129", problem.Message);
            }
        }

        [Fact]
        public void DisplayName_emoji_counts_as_one_code_point()
        {
            const string emoji = "\U0001F600";
            var atLimit = new string('x', 127) + emoji; // 129 UTF-16 units, 128 code points
            Assert.Equal(129, atLimit.Length);
            Assert.True(Create(Valid(i => i.DisplayName = atLimit)).IsValid);

            var overLimit = new string('x', 128) + emoji;
            var problem = Single(Create(Valid(i => i.DisplayName = overLimit)), "WireScim.InvalidDisplayName");
            Assert.Contains("129 characters", problem.Message);
        }

        [Fact]
        public void DisplayName_of_128_emoji_passes_and_129_fails()
        {
            var emoji128 = string.Concat(Enumerable.Repeat("\U0001F600", 128));
            Assert.True(Create(Valid(i => i.DisplayName = emoji128)).IsValid);
            var emoji129 = emoji128 + "\U0001F389";
            Single(Create(Valid(i => i.DisplayName = emoji129)), "WireScim.InvalidDisplayName");
        }

        [Fact]
        public void DisplayName_combining_characters_count_separately()
        {
            // "e" + U+0301 COMBINING ACUTE ACCENT is one glyph but two code points, as Wire counts.
            var sixtyFour = string.Concat(Enumerable.Repeat("e\u0301", 64));
            Assert.True(Create(Valid(i => i.DisplayName = sixtyFour)).IsValid);
            var withOneMore = new string('e', 128) + "\u0301";
            var problem = Single(Create(Valid(i => i.DisplayName = withOneMore)), "WireScim.InvalidDisplayName");
            Assert.Contains("129", problem.Message);
        }

        [Theory]
        [InlineData("Ann\u0007e", "U+0007")]
        [InlineData("Ann\ne", "U+000A")]
        [InlineData("Ann\te", "U+0009")]
        [InlineData("Ann\0e", "null byte")]
        [InlineData("Ann\u007fe", "U+007F")]
        public void DisplayName_control_characters_rejected(string displayName, string named)
        {
            var problem = Single(Create(Valid(i => i.DisplayName = displayName)), "WireScim.ControlCharacters");
            Assert.Equal("DisplayName", problem.Field);
            Assert.Contains(named, problem.Message);
            Assert.DoesNotContain(displayName, problem.Message); // shown escaped, not raw
        }

        [Fact]
        public void Empty_displayName_means_not_given()
        {
            var result = Create(Valid(i => i.DisplayName = "  "));
            Assert.True(result.IsValid);
            Assert.Null(result.User.DisplayName);
        }

        // ---------------- externalId / email ----------------

        [Fact]
        public void ExternalId_required_on_create()
        {
            var problem = Single(Create(Valid(i => i.ExternalId = null)), "WireScim.MissingExternalId");
            Assert.Equal("ExternalId", problem.Field);
        }

        [Fact]
        public void ExternalId_not_required_on_update()
        {
            Assert.True(Update(new UserInput { UserName = "alice" }).IsValid);
        }

        [Fact]
        public void ExternalId_in_invitation_team_must_be_email_without_Email()
        {
            var problem = Single(Create(Valid(i => i.ExternalId = "emp-0042"), TeamMode.Invitation), "WireScim.InvalidExternalId");
            Assert.Equal("ExternalId", problem.Field);
            Assert.Contains("emp-0042", problem.Message);
        }

        [Fact]
        public void ExternalId_in_invitation_team_may_be_anything_when_Email_given()
        {
            var result = Create(Valid(i => { i.ExternalId = "emp-0042"; i.Email = "alice@example.com"; }), TeamMode.Invitation);
            Assert.True(result.IsValid);
            Assert.Equal("alice@example.com", result.User.Email);
        }

        [Fact]
        public void Email_shaped_externalId_passes_in_invitation_team()
        {
            Assert.True(Create(Valid(i => i.ExternalId = "alice@example.com"), TeamMode.Invitation).IsValid);
        }

        [Theory]
        [InlineData(TeamMode.SingleSignOn)]
        [InlineData(TeamMode.Unknown)]
        public void Non_email_externalId_passes_outside_invitation_teams(TeamMode mode)
        {
            var result = Create(Valid(i => i.ExternalId = "CN=Alice,OU=Staff"), mode);
            Assert.True(result.IsValid);
            Assert.Equal("CN=Alice,OU=Staff", result.User.ExternalId);
        }

        [Fact]
        public void ExternalId_case_is_kept()
        {
            Assert.Equal("Alice@Example.com", Create(Valid(i => i.ExternalId = "Alice@Example.com")).User.ExternalId);
        }

        [Fact]
        public void ExternalId_with_control_character_rejected()
        {
            var problem = Single(Create(Valid(i => i.ExternalId = "alice\0@example.com")), "WireScim.ControlCharacters");
            Assert.Equal("ExternalId", problem.Field);
        }

        [Theory]
        [InlineData("alice@example.com")]
        [InlineData("a.b+tag@mail.example.co.uk")]
        [InlineData("x_y-z@sub-domain.example.org")]
        public void Email_shapes_accepted(string email)
        {
            var result = Create(Valid(i => i.Email = email));
            Assert.True(result.IsValid);
            Assert.Equal(email, result.User.Email);
        }

        [Theory]
        [InlineData("alice")]
        [InlineData("example.com")]
        [InlineData("al ice@example.com")]
        [InlineData("alice@@example.com")]
        [InlineData("alice@example..com")]
        [InlineData("@example.com")]
        public void Email_shapes_rejected(string email)
        {
            var problem = Single(Create(Valid(i => i.Email = email)), "WireScim.InvalidEmail");
            Assert.Equal("Email", problem.Field);
            Assert.Contains(email, problem.Message);
        }

        // ---------------- preferredLanguage ----------------

        [Theory]
        [InlineData("en", "en", false)]
        [InlineData("EN", "en", true)]
        [InlineData("en-US", "en", true)]
        [InlineData("de_DE", "de", true)]
        [InlineData("fr", "fr", false)]
        public void PreferredLanguage_accepted_and_normalised(string given, string expected, bool noted)
        {
            var result = Create(Valid(i => i.PreferredLanguage = given));
            Assert.True(result.IsValid);
            Assert.Equal(expected, result.User.PreferredLanguage);
            Assert.Equal(noted, result.Notes.Any(n => n.Contains("PreferredLanguage")));
        }

        [Theory]
        [InlineData("xx")]
        [InlineData("e")]
        [InlineData("english")]
        [InlineData("eng")]
        [InlineData("12")]
        public void PreferredLanguage_rejected(string given)
        {
            var problem = Single(Create(Valid(i => i.PreferredLanguage = given)), "WireScim.InvalidLanguage");
            Assert.Equal("PreferredLanguage", problem.Field);
            Assert.Contains(given, problem.Message);
        }

        // ---------------- role ----------------

        [Theory]
        [InlineData("owner", "owner")]
        [InlineData("Admin", "admin")]
        [InlineData("MEMBER", "member")]
        [InlineData("Partner", "partner")]
        public void Role_accepted_in_any_case(string given, string expected)
        {
            var result = Create(Valid(i => i.Role = given));
            Assert.True(result.IsValid);
            Assert.Equal(expected, result.User.Role);
        }

        [Theory]
        [InlineData("guest")]
        [InlineData("members")]
        [InlineData("superadmin")]
        [InlineData("admin,member")]
        public void Other_roles_rejected(string given)
        {
            var problem = Single(Create(Valid(i => i.Role = given)), "WireScim.InvalidRole");
            Assert.Equal("Role", problem.Field);
            Assert.Contains(given, problem.Message);
        }

        // ---------------- active ----------------

        [Theory]
        [InlineData("TRUE", true)]
        [InlineData("false", false)]
        [InlineData("1", true)]
        [InlineData("0", false)]
        [InlineData("yes", true)]
        [InlineData("no", false)]
        [InlineData(" True ", true)]
        public void Active_text_forms(string given, bool expected)
        {
            var result = Create(Valid(i => i.Active = given));
            Assert.True(result.IsValid);
            Assert.Equal(expected, result.User.Active);
        }

        [Theory]
        [InlineData(true)]
        [InlineData(false)]
        public void Active_bool(bool given)
        {
            var result = Create(Valid(i => i.Active = given));
            Assert.True(result.IsValid);
            Assert.Equal(given, result.User.Active);
        }

        [Fact]
        public void Active_not_given_stays_null()
        {
            Assert.Null(Create(Valid()).User.Active);
        }

        [Theory]
        [InlineData("maybe")]
        [InlineData("2")]
        [InlineData("enabled")]
        public void Active_other_values_rejected(string given)
        {
            var problem = Single(Create(Valid(i => i.Active = given)), "WireScim.InvalidActive");
            Assert.Equal("Active", problem.Field);
            Assert.Contains(given, problem.Message);
        }

        // ---------------- rich info ----------------

        [Fact]
        public void RichInfo_text_values_kept_in_order()
        {
            var result = Create(Valid(i => i.RichInfo = Fields(("Department", "Sales"), ("Building", "B2"))));
            Assert.True(result.IsValid);
            var fields = result.User.RichInfo!;
            Assert.Equal(new object[] { "Department", "Building" }, fields.Keys.Cast<object>().ToArray());
            Assert.Equal("Sales", fields["Department"]);
        }

        [Fact]
        public void RichInfo_numbers_converted_to_text()
        {
            var result = Create(Valid(i => i.RichInfo = Fields(("Floor", 3), ("Ratio", 1.5), ("Big", 12345678901L))));
            Assert.True(result.IsValid);
            Assert.Equal("3", result.User.RichInfo!["Floor"]);
            Assert.Equal("1.5", result.User.RichInfo!["Ratio"]);
            Assert.Equal("12345678901", result.User.RichInfo!["Big"]);
        }

        [Fact]
        public void RichInfo_arrays_rejected()
        {
            var result = Create(Valid(i => i.RichInfo = Fields(("Tags", new[] { "a", "b" }), ("Dept", "Sales"))));
            var problem = Single(result, "WireScim.InvalidRichInfo");
            Assert.Equal("RichInfo", problem.Field);
            Assert.Contains("Tags", problem.Message);
            Assert.False(result.User.RichInfo!.Contains("Tags"));
            Assert.Equal("Sales", result.User.RichInfo!["Dept"]);
        }

        [Fact]
        public void RichInfo_list_value_rejected()
        {
            Single(Create(Valid(i => i.RichInfo = Fields(("Tags", new List<string> { "a" })))), "WireScim.InvalidRichInfo");
        }

        [Fact]
        public void RichInfo_keys_unique_ignoring_case()
        {
            var result = Create(Valid(i => i.RichInfo = Fields(("Dept", "Sales"), ("dept", "Marketing"))));
            var problem = Single(result, "WireScim.DuplicateRichInfoKey");
            Assert.Contains("dept", problem.Message);
            Assert.Equal("Sales", result.User.RichInfo!["Dept"]);
            Assert.Single(result.User.RichInfo!);
        }

        [Fact]
        public void RichInfo_empty_values_dropped_with_note()
        {
            var result = Create(Valid(i => i.RichInfo = Fields(("Dept", ""), ("Floor", "   "), ("Room", null), ("Site", "Berlin"))));
            Assert.True(result.IsValid);
            Assert.Equal(new object[] { "Site" }, result.User.RichInfo!.Keys.Cast<object>().ToArray());
            Assert.Contains(result.Notes, n => n.Contains("'Dept'"));
            Assert.Contains(result.Notes, n => n.Contains("'Floor'"));
            Assert.Contains(result.Notes, n => n.Contains("'Room'"));
        }

        [Fact]
        public void RichInfo_empty_values_of_an_update_mark_the_field_for_removal()
        {
            var result = Update(new UserInput { RichInfo = Fields(("Dept", ""), ("Site", "Berlin")) });
            Assert.True(result.IsValid);
            Assert.Equal("", result.User.RichInfo!["Dept"]);
            Assert.Equal("Berlin", result.User.RichInfo!["Site"]);
            Assert.Contains(result.Notes, n => n.Contains("'Dept'") && n.Contains("removed"));
        }

        [Fact]
        public void RichInfo_limit_is_the_one_given()
        {
            var input = Valid(i => i.RichInfo = Fields(("Title", new string('t', 95))));
            Assert.True(UserValidator.Validate(input, true, TeamMode.SingleSignOn).IsValid);
            var problem = Single(UserValidator.Validate(input, true, TeamMode.SingleSignOn, richInfoLimit: 50), "WireScim.RichInfoTooLarge");
            Assert.Contains("at most 50", problem.Message);
        }

        [Fact]
        public void RichInfo_values_trimmed()
        {
            Assert.Equal("Sales", Create(Valid(i => i.RichInfo = Fields(("Dept", "  Sales ")))).User.RichInfo!["Dept"]);
        }

        [Theory]
        [InlineData(4999, true)]  // 1 + 4999 = 5000
        [InlineData(5000, false)] // 1 + 5000 = 5001
        public void RichInfo_total_size_boundary(int valueLength, bool valid)
        {
            var result = Create(Valid(i => i.RichInfo = Fields(("K", new string('v', valueLength)))));
            Assert.Equal(valid, result.IsValid);
            if (!valid)
            {
                var problem = Single(result, "WireScim.RichInfoTooLarge");
                Assert.Contains("5001", problem.Message);
            }
        }

        [Fact]
        public void RichInfo_size_sums_keys_and_values_over_fields()
        {
            var atLimit = Fields(("AB", new string('v', 2498)), ("CD", new string('w', 2498))); // 2500 + 2500
            Assert.True(Create(Valid(i => i.RichInfo = atLimit)).IsValid);
            var overLimit = Fields(("AB", new string('v', 2498)), ("CDE", new string('w', 2498))); // 2500 + 2501
            var problem = Single(Create(Valid(i => i.RichInfo = overLimit)), "WireScim.RichInfoTooLarge");
            Assert.Contains("5001", problem.Message);
        }

        [Fact]
        public void RichInfo_size_counts_emoji_once()
        {
            var value = new string('v', 4997) + "\U0001F600"; // 4998 code points, 4999 UTF-16 units
            Assert.True(Create(Valid(i => i.RichInfo = Fields(("KK", value)))).IsValid); // 2 + 4998 = 5000
        }

        [Theory]
        [InlineData("Password")]
        [InlineData("initial_password")]
        [InlineData("PWD")]
        [InlineData("ClientSecret")]
        [InlineData("api-token")]
        [InlineData("passwd")]
        public void RichInfo_password_like_keys_rejected_without_showing_the_value(string key)
        {
            var result = Create(Valid(i => i.RichInfo = Fields((key, "hunter2-very-secret"))));
            var problem = Single(result, "WireScim.SecretInRichInfo");
            Assert.Contains(key, problem.Message);
            Assert.DoesNotContain("hunter2", problem.Message);
            Assert.DoesNotContain("hunter2", problem.Value ?? string.Empty);
            Assert.False(result.User.RichInfo!.Contains(key));
        }

        [Fact]
        public void RichInfo_control_characters_in_value_rejected()
        {
            var problem = Single(Create(Valid(i => i.RichInfo = Fields(("Dept", "Sa\0les")))), "WireScim.ControlCharacters");
            Assert.Equal("RichInfo.Dept", problem.Field);
        }

        [Fact]
        public void RichInfo_field_without_name_rejected()
        {
            Single(Create(Valid(i => i.RichInfo = Fields((" ", "x")))), "WireScim.InvalidRichInfo");
        }

        [Fact]
        public void Several_problems_are_all_reported()
        {
            var result = Create(new UserInput { UserName = "a b", DisplayName = new string('x', 200), Role = "boss", PreferredLanguage = "xx" });
            var ids = result.Problems.Select(p => p.ErrorId).ToList();
            Assert.Contains("WireScim.InvalidUserName", ids);
            Assert.Contains("WireScim.InvalidDisplayName", ids);
            Assert.Contains("WireScim.MissingExternalId", ids);
            Assert.Contains("WireScim.InvalidRole", ids);
            Assert.Contains("WireScim.InvalidLanguage", ids);
        }

        // ---------------- messages ----------------

        public static IEnumerable<object[]> HugeValues()
        {
            var huge = new string('a', 10000);
            yield return new object[] { new UserInput { UserName = huge, ExternalId = "x@example.com" }, "UserName" };
            yield return new object[] { new UserInput { UserName = "alice", ExternalId = "x@example.com", DisplayName = huge }, "DisplayName" };
            yield return new object[] { new UserInput { UserName = "alice", ExternalId = "x@example.com", Email = huge }, "Email" };
            yield return new object[] { new UserInput { UserName = "alice", ExternalId = "x@example.com", PreferredLanguage = huge }, "PreferredLanguage" };
            yield return new object[] { new UserInput { UserName = "alice", ExternalId = "x@example.com", Role = huge }, "Role" };
            yield return new object[] { new UserInput { UserName = "alice", ExternalId = "x@example.com", Active = huge }, "Active" };
        }

        [Theory]
        [MemberData(nameof(HugeValues))]
        public void Messages_name_the_field_and_shorten_huge_values(object input, string field)
        {
            var problem = Assert.Single(Create((UserInput)input).Problems);
            Assert.Equal(field, problem.Field);
            Assert.StartsWith(field, problem.Message);
            Assert.Contains("(10000 characters)", problem.Message);
            Assert.True(problem.Message.Length < 600, $"message has {problem.Message.Length} characters");
            Assert.Contains("(10000 characters)", problem.Value);
            Assert.True(problem.Value!.Length < 100);
        }

        [Fact]
        public void ExternalId_message_in_invitation_team_shortens_huge_value()
        {
            var problem = Single(Create(Valid(i => i.ExternalId = new string('e', 10000)), TeamMode.Invitation), "WireScim.InvalidExternalId");
            Assert.Contains("(10000 characters)", problem.Message);
            Assert.True(problem.Message.Length < 600);
        }

        [Fact]
        public void Show_escapes_control_characters_and_keeps_short_values()
        {
            Assert.Equal("a\\u0000b", SafeText.Show("a\0b"));
            Assert.Equal("short", SafeText.Show("short"));
            Assert.Equal(string.Empty, SafeText.Show(null));
        }

        [Fact]
        public void CodePoints_counts_surrogate_pairs_once()
        {
            Assert.Equal(3, UserValidator.CodePoints("a\U0001F600b"));
            Assert.Equal(2, UserValidator.CodePoints("e\u0301"));
            Assert.Equal(0, UserValidator.CodePoints(string.Empty));
        }
    }

    public class DuplicateInputsTests
    {
        [Fact]
        public void Rows_sharing_a_userName_are_all_marked()
        {
            var problems = DuplicateInputs.Find(new (int, string?, string?)[]
            {
                (1, "alice", "a@example.com"), (2, "bob", "b@example.com"), (3, "alice", "c@example.com"),
            });
            Assert.Equal(new[] { 1, 3 }, problems.Keys.OrderBy(k => k).ToArray());
            foreach (var problem in problems.Values)
            {
                Assert.Equal("UserName", problem.Field);
                Assert.Equal("WireScim.DuplicateUserName", problem.ErrorId);
                Assert.Equal("alice", problem.Value);
                Assert.Contains("rows 1, 3", problem.Message);
            }
        }

        [Fact]
        public void Rows_sharing_an_externalId_are_marked()
        {
            var problems = DuplicateInputs.Find(new (int, string?, string?)[]
            {
                (1, "alice", "same@example.com"), (2, "bob", "same@example.com"), (3, "carol", "other@example.com"),
            });
            Assert.Equal(new[] { 1, 2 }, problems.Keys.OrderBy(k => k).ToArray());
            Assert.All(problems.Values, p => Assert.Equal("WireScim.DuplicateExternalId", p.ErrorId));
            Assert.All(problems.Values, p => Assert.Equal("ExternalId", p.Field));
        }

        [Fact]
        public void ExternalIds_differing_only_in_case_are_refused_as_twins()
        {
            var problems = DuplicateInputs.Find(new (int, string?, string?)[] { (1, "alice", "Alice@example.com"), (2, "bob", "alice@example.com"), (3, "carol", "carol@example.com") });
            Assert.Equal(new[] { 1, 2 }, problems.Keys.OrderBy(k => k).ToArray());
            Assert.All(problems.Values, p => Assert.Equal("WireScim.ExternalIdCaseTwin", p.ErrorId));
            Assert.All(problems.Values, p => Assert.Contains("'Alice@example.com' (row 1), 'alice@example.com' (row 2)", p.Message));
        }

        [Fact]
        public void Missing_keys_are_not_duplicates()
        {
            var problems = DuplicateInputs.Find(new (int, string?, string?)[] { (1, null, null), (2, null, null), (3, "carol", null) });
            Assert.Empty(problems);
        }

        [Fact]
        public void One_problem_per_row_even_when_both_keys_repeat()
        {
            var problems = DuplicateInputs.Find(new (int, string?, string?)[] { (1, "alice", "a@example.com"), (2, "alice", "a@example.com") });
            Assert.Equal(2, problems.Count);
            Assert.All(problems.Values, p => Assert.Equal("WireScim.DuplicateUserName", p.ErrorId));
        }

        [Fact]
        public void Unique_rows_give_no_problems()
        {
            Assert.Empty(DuplicateInputs.Find(new (int, string?, string?)[] { (1, "alice", "a@example.com"), (2, "bob", "b@example.com") }));
        }
    }
}

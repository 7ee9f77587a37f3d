using System.Collections.Specialized;
using System.Linq;
using WireScim.Validation;
using Xunit;

namespace WireScim.Tests.Units
{
    /// <summary>
    /// The rules Wire applies late or answers confusingly, checked before anything is sent: reserved handles, the
    /// display name Wire falls back to, e-mail syntax as Wire's parser reads it, and the instance's rich-info limit.
    /// </summary>
    public class WireRuleValidatorTests
    {
        // Wire's list (libs/wire-subsystems/src/Wire/UserSubsystem/HandleBlacklist.hs), written out here on purpose:
        // a test that read the module's own list would agree with any mistake in it.
        public static readonly string[] WireReservedHandles =
        {
            "account", "admin", "administrator", "all", "android", "anna", "avs", "backend", "bot", "cs", "design",
            "dev", "developer", "development", "everyone", "help", "helpdesk", "hr", "info", "ios", "legal",
            "management", "news", "otto", "payment", "product", "purchase", "qa", "support", "team", "user", "web",
            "wire", "wirebot", "wireteam",
        };

        public static TheoryData<string> ReservedHandleData()
        {
            var data = new TheoryData<string>();
            foreach (var handle in WireReservedHandles) data.Add(handle);
            return data;
        }

        private static UserInput Input(string userName = "alice", string? externalId = "alice@example.com", string? email = null, string? displayName = null) =>
            new UserInput { UserName = userName, ExternalId = externalId, Email = email, DisplayName = displayName };

        private static ValidationProblem Single(ValidationResult result, string errorId)
        {
            var problem = Assert.Single(result.Problems);
            Assert.Equal(errorId, problem.ErrorId);
            return problem;
        }

        [Fact]
        public void The_list_has_Wire_s_35_handles()
        {
            Assert.Equal(35, WireReservedHandles.Distinct().Count());
            Assert.Equal(WireReservedHandles.OrderBy(h => h, System.StringComparer.Ordinal), ReservedHandles.All.OrderBy(h => h, System.StringComparer.Ordinal));
        }

        [Theory]
        [MemberData(nameof(ReservedHandleData))]
        public void Reserved_handle_is_refused_on_create_and_on_rename_in_any_case(string handle)
        {
            foreach (var given in new[] { handle, handle.ToUpperInvariant() })
            {
                var problem = Single(UserValidator.Validate(Input(userName: given, displayName: "Role Account"), true, TeamMode.SingleSignOn), "WireScim.ReservedUserName");
                Assert.Equal("UserName", problem.Field);
                Assert.Contains("reserved by Wire", problem.Message);
                Assert.Contains(given, problem.Message);
                Single(UserValidator.Validate(new UserInput { UserName = given }, false, TeamMode.Unknown), "WireScim.ReservedUserName");
            }
        }

        [Theory]
        [InlineData("admin1")]
        [InlineData("anna.schmidt")]
        [InlineData("support-team")]
        [InlineData("hr_")]
        public void Handles_that_only_contain_a_reserved_word_are_fine(string handle) =>
            Assert.True(UserValidator.Validate(Input(userName: handle), true, TeamMode.SingleSignOn).IsValid);

        private static string Long(int codePoints) => new string('n', codePoints - "@example.com".Length) + "@example.com";

        [Fact]
        public void Without_display_name_an_sso_team_names_the_user_after_the_externalId_even_with_an_email()
        {
            var externalId = new string('x', 129);
            var problem = Single(UserValidator.Validate(Input(externalId: externalId, email: "short@example.com"), true, TeamMode.SingleSignOn), "WireScim.InvalidDisplayName");
            Assert.Equal("DisplayName", problem.Field);
            Assert.Contains("NameID", problem.Message);
            Assert.Contains("129", problem.Message);
            Assert.Contains("-DisplayName", problem.Message);
            Assert.True(UserValidator.Validate(Input(externalId: new string('x', 128), email: "short@example.com"), true, TeamMode.SingleSignOn).IsValid);
            Assert.True(UserValidator.Validate(Input(externalId: externalId, displayName: "Given Name"), true, TeamMode.SingleSignOn).IsValid);
        }

        [Fact]
        public void Without_display_name_an_invitation_team_names_the_user_after_the_email()
        {
            var longEmail = "a." + new string('b', 60) + "@" + new string('c', 63) + ".example";
            Assert.True(longEmail.Length > 128 && EmailSyntax.IsValid(longEmail));
            var viaEmail = Single(UserValidator.Validate(Input(externalId: "emp-1", email: longEmail), true, TeamMode.Invitation), "WireScim.InvalidDisplayName");
            Assert.Contains("e-mail", viaEmail.Message);
            Single(UserValidator.Validate(Input(externalId: longEmail), true, TeamMode.Invitation), "WireScim.InvalidDisplayName");
            // A long externalId is not the fallback when an e-mail is given.
            Assert.True(UserValidator.Validate(Input(externalId: new string('x', 200), email: "short@example.com"), true, TeamMode.Invitation).IsValid);
        }

        [Fact]
        public void Unknown_team_mode_checks_both_fallbacks_and_updates_check_none()
        {
            Single(UserValidator.Validate(Input(externalId: new string('x', 200), email: "short@example.com"), true, TeamMode.Unknown), "WireScim.InvalidDisplayName");
            Assert.True(UserValidator.Validate(new UserInput { ExternalId = new string('x', 200) }, false, TeamMode.SingleSignOn).IsValid);
        }

        [Theory]
        [InlineData("u@localhost")]
        [InlineData("\"john doe\"@example.com")]
        [InlineData("\"a@b\"@example.com")]
        [InlineData("j\u00fcrgen@example.com")]
        [InlineData("o'brien+tag@example.co.uk")]
        [InlineData("x@[192.0.2.1]")]
        [InlineData("trailing.dot@example.com.")]
        [InlineData("a!#$%&'*/=?^_`{|}~-b@example.com")]
        public void Email_syntax_Wire_accepts(string email)
        {
            Assert.True(EmailSyntax.IsValid(email), EmailSyntax.Problem(email));
            Assert.True(UserValidator.Validate(Input(email: email), true, TeamMode.SingleSignOn).IsValid);
        }

        [Theory]
        [InlineData("a..b@x.io", "dot")]
        [InlineData(".a@x.io", "dot")]
        [InlineData("a.@x.io", "dot")]
        [InlineData("a,b@x.io", "','")]
        [InlineData("a b@x.io", "white space")]
        [InlineData("a@b@x.io", "'@'")]
        [InlineData("a@-x.io", "'-'")]
        [InlineData("a@x_y.io", "'_'")]
        [InlineData("a@m\u00fcller.de", "punycode")]
        [InlineData("a@x..io", "empty part")]
        [InlineData("\"open@x.io", "quote")]
        [InlineData("jane(work)@example.com", "'('")]
        public void Email_syntax_Wire_refuses_or_the_module_keeps_refusing(string email, string reason)
        {
            var problem = Single(UserValidator.Validate(Input(email: email), true, TeamMode.SingleSignOn), "WireScim.InvalidEmail");
            Assert.Contains(reason, problem.Message);
            Assert.Contains(email, problem.Message);
        }

        [Fact]
        public void Email_length_limits_are_Wire_s()
        {
            Assert.True(EmailSyntax.IsValid(new string('a', 64) + "@x.io"));
            Assert.Contains("64", EmailSyntax.Problem(new string('a', 65) + "@x.io"));
            Assert.Contains("63", EmailSyntax.Problem("a@" + new string('b', 64) + ".io"));
            var labels = string.Join(".", Enumerable.Repeat(new string('b', 62), 3));
            var longest = new string('a', 64) + "@" + labels;
            Assert.Equal(253, longest.Length);
            Assert.True(EmailSyntax.IsValid(longest), EmailSyntax.Problem(longest));
            var tooLong = longest + ".cc";
            Assert.Equal(256, tooLong.Length);
            Assert.Contains("254", EmailSyntax.Problem(tooLong));
        }

        [Fact]
        public void Invitation_team_externalId_uses_the_same_email_syntax()
        {
            Assert.True(UserValidator.Validate(Input(externalId: "u@localhost"), true, TeamMode.Invitation).IsValid);
            Single(UserValidator.Validate(Input(externalId: "a..b@x.io"), true, TeamMode.Invitation), "WireScim.InvalidExternalId");
        }

        [Fact]
        public void Rich_info_limit_comes_from_the_caller()
        {
            var fields = new OrderedDictionary { ["Department"] = new string('s', 90) };
            Assert.True(UserValidator.Validate(new UserInput { RichInfo = fields }, false, TeamMode.Unknown).IsValid);
            var problem = Single(UserValidator.Validate(new UserInput { RichInfo = fields }, false, TeamMode.Unknown, richInfoLimit: 99), "WireScim.RichInfoTooLarge");
            Assert.Contains("100", problem.Message);
            Assert.Contains("99", problem.Message);
            Assert.Equal(100, UserValidator.RichInfoSize(fields));
        }
    }
}

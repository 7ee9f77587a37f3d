using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;
using WireScim.Provisioning;
using Xunit;

namespace WireScim.Tests.Units
{
    public class SyncDiffTests
    {
        private static SentValues Sent() => new SentValues
        {
            UserName = "anna", DisplayName = "Anna", ExternalId = "anna@example.com", Role = "member", Active = true,
            RichInfo = new Dictionary<string, string> { ["Department"] = "Sales" },
        };

        [Fact]
        public void Compares_only_what_the_row_gives_with_what_was_sent()
        {
            var changes = SyncDiff.Compare(new UserValues { UserName = "anna", DisplayName = "Anna B." }, Sent());
            var change = Assert.Single(changes);
            Assert.Equal("DisplayName: 'Anna' -> 'Anna B.'", change.ToString());
        }

        [Fact]
        public void Patchable_changes_become_one_PATCH()
        {
            var rich = new OrderedDictionary { ["Department"] = "Ops" };
            var changes = SyncDiff.Compare(new UserValues { UserName = "anna2", ExternalId = "a2@example.com", Role = "admin", Active = false, RichInfo = rich }, Sent());
            var operations = SyncDiff.ToPatch(changes);
            Assert.NotNull(operations);
            Assert.Equal(new[] { "userName", "externalId", "roles", "active", "urn:ietf:params:scim:schemas:extension:wire:1.0:User:Department" },
                operations!.Select(operation => operation.Path).ToArray());
        }

        [Theory]
        [InlineData(UserField.Email, null)]
        [InlineData(UserField.PreferredLanguage, null)]
        [InlineData(UserField.RichInfo, "Favorite color")]
        public void A_change_Wire_cannot_patch_needs_the_PUT_path(UserField attribute, string? field)
        {
            Assert.Null(SyncDiff.ToPatch(new[] { new AttributeChange(attribute, "a", "b", field) }));
        }

        [Fact]
        public void Remembers_the_row_and_keeps_what_it_omits()
        {
            var sent = SyncDiff.Remember(new UserValues { DisplayName = "New", RichInfo = new OrderedDictionary { ["Title"] = "Boss", ["Department"] = "" } }, Sent());
            Assert.Equal("New", sent.DisplayName);
            Assert.Equal("anna", sent.UserName);
            Assert.Equal("Boss", sent.RichInfo!["Title"]);
            Assert.False(sent.RichInfo.ContainsKey("Department"));
        }
    }
}

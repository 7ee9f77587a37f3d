using System.Collections.Generic;
using System.Linq;
using WireScim.Provisioning;
using Xunit;

namespace WireScim.Tests.Units
{
    public class ManagedUserMatcherTests
    {
        private const string IdA = "0b8e5a1c-0000-4000-8000-00000000000a";
        private const string IdB = "0b8e5a1c-0000-4000-8000-00000000000b";

        private static List<SyncStateEntry> Entries() => new List<SyncStateEntry>
        {
            new SyncStateEntry { Id = IdA, ExternalId = "anna@example.com", UserName = "anna", FormerExternalIds = new List<string> { "a.old@example.com" } },
            new SyncStateEntry { Id = IdB, ExternalId = "ben@example.com", UserName = "ben" },
        };

        [Fact]
        public void Matches_by_externalId()
        {
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "ben@example.com", "ben"), (2, "anna@example.com", "anna") }, Entries());
            Assert.Equal(IdB, matches.For(1)!.Id);
            Assert.Equal(IdA, matches.For(2)!.Id);
            Assert.Empty(matches.Missing);
        }

        [Fact]
        public void A_changed_externalId_with_the_same_handle_is_the_same_user_not_a_missing_one()
        {
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "anna.new@example.com", "anna") }, Entries());
            Assert.Equal(IdA, matches.For(1)!.Id);
            Assert.Equal(new[] { IdB }, matches.Missing.Select(entry => entry.Id).ToArray());
        }

        [Fact]
        public void A_changed_handle_with_the_same_externalId_is_the_same_user()
        {
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "ben@example.com", "benjamin") }, Entries());
            Assert.Equal(IdB, matches.For(1)!.Id);
        }

        [Fact]
        public void An_earlier_externalId_still_names_the_user()
        {
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "a.old@example.com", "someone") }, Entries());
            Assert.Equal(IdA, matches.For(1)!.Id);
        }

        [Fact]
        public void Both_changed_is_a_new_user_and_the_old_one_is_missing()
        {
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "b.new@example.com", "benny"), (2, "anna@example.com", "anna") }, Entries());
            Assert.Null(matches.For(1));
            Assert.Equal(new[] { IdB }, matches.Missing.Select(entry => entry.Id).ToArray());
            Assert.Equal(2, matches.Managed);
        }

        [Fact]
        public void An_externalId_match_wins_over_another_rows_handle_match()
        {
            // Row 1 takes anna's handle with another externalId; row 2 is anna by externalId.
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "x@example.com", "anna"), (2, "anna@example.com", "anna2") }, Entries());
            Assert.Null(matches.For(1));
            Assert.Equal(IdA, matches.For(2)!.Id);
        }

        [Fact]
        public void ExternalIds_compare_exactly()
        {
            var matches = ManagedUserMatcher.Match(new (int, string?, string?)[] { (1, "Ben@example.com", "someone") }, Entries());
            Assert.Null(matches.For(1));
            Assert.Equal(2, matches.Missing.Count);
        }
    }
}

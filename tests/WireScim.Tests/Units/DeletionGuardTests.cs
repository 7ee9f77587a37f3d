using WireScim.Provisioning;
using Xunit;

namespace WireScim.Tests.Units
{
    public class DeletionGuardTests
    {
        [Fact]
        public void Holds_back_when_none_of_the_managed_users_is_in_the_input()
        {
            var message = new DeletionGuard(maxMissingActions: 10, force: false).Check(managed: 5, missing: 5, actions: 5, "removed");
            Assert.NotNull(message);
            Assert.Contains("None of the 5 users", message);
            Assert.Contains("-Force", message);
        }

        [Fact]
        public void Counts_users_disabled_before_as_managed_and_missing()
        {
            // 12 managed, 2 of them disabled by an earlier run, then an empty input: 10 actions, within the limit,
            // but every managed user is missing.
            var message = new DeletionGuard(10, false).Check(managed: 12, missing: 12, actions: 10, "disabled");
            Assert.NotNull(message);
            Assert.Contains("None of the 12 users", message);
            Assert.Contains("Nothing was disabled", message);
        }

        [Fact]
        public void Holds_back_more_actions_than_allowed()
        {
            var message = new DeletionGuard(3, false).Check(managed: 20, missing: 4, actions: 4, "removed");
            Assert.NotNull(message);
            Assert.Contains("4 of the 20 users", message);
            Assert.Contains("-MaxMissingActions 3", message);
        }

        [Theory]
        [InlineData(20, 3, 3)]
        [InlineData(20, 5, 0)]
        [InlineData(0, 0, 0)]
        public void Lets_a_normal_number_of_leavers_through(int managed, int missing, int actions)
        {
            Assert.Null(new DeletionGuard(3, false).Check(managed, missing, actions, "removed"));
        }

        [Fact]
        public void Force_goes_past_both_rules()
        {
            Assert.Null(new DeletionGuard(3, force: true).Check(managed: 7, missing: 7, actions: 7, "removed"));
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using WireScim.Provisioning;
using Xunit;

namespace WireScim.Tests.Units
{
    public class GroupSyncPlannerTests
    {
        private static readonly string A = "00000000-0000-4000-8000-00000000000a";
        private static readonly string B = "00000000-0000-4000-8000-00000000000b";

        private static (DesiredGroup, IReadOnlyCollection<string>) Desired(string source, string name, params string[] members) =>
            (new DesiredGroup(source, name, 1), members);

        private static GroupSyncStateEntry Entry(string source, string id, string name, params string[] members) =>
            new GroupSyncStateEntry { Source = source, Id = id, DisplayName = name, Members = members, Fingerprint = GroupSyncPlanner.Fingerprint(name, members) };

        private static List<GroupPlan> Plan(IEnumerable<(DesiredGroup, IReadOnlyCollection<string>)> desired, IEnumerable<GroupSyncStateEntry> state, IReadOnlyList<Group>? listing, bool full = false)
        {
            var entries = state.ToDictionary(e => e.Source);
            return GroupSyncPlanner.Plan(desired.ToList(), source => entries.TryGetValue(source, out var e) ? e : null, entries.Values.Select(e => e.Id), listing, full);
        }

        [Fact]
        public void Member_order_and_id_case_do_not_change_the_fingerprint() =>
            Assert.Equal(GroupSyncPlanner.Fingerprint("Ops", new[] { A, B }), GroupSyncPlanner.Fingerprint("Ops", new[] { B.ToUpperInvariant(), A }));

        [Fact]
        public void A_name_change_changes_the_fingerprint() =>
            Assert.NotEqual(GroupSyncPlanner.Fingerprint("Ops", new[] { A }), GroupSyncPlanner.Fingerprint("ops", new[] { A }));

        [Fact]
        public void An_unchanged_group_known_to_the_state_needs_no_listing_and_no_request()
        {
            var desired = new[] { Desired("guid-1", "Ops", A, B) };
            var state = new[] { Entry("guid-1", "g1", "Ops", B, A) };
            Assert.False(GroupSyncPlanner.NeedsListing(desired.Select(d => d.Item1), s => state.FirstOrDefault(e => e.Source == s), full: false));
            Assert.Equal(GroupPlanKind.Unchanged, Plan(desired, state, null).Single().Kind);
        }

        [Fact]
        public void A_changed_member_list_is_an_update_of_the_known_group()
        {
            var plan = Plan(new[] { Desired("guid-1", "Ops", A) }, new[] { Entry("guid-1", "g1", "Ops", A, B) }, null).Single();
            Assert.Equal(GroupPlanKind.Update, plan.Kind);
            Assert.Equal("g1", plan.WireId);
        }

        [Fact]
        public void A_new_group_with_one_unclaimed_namesake_is_adopted_and_otherwise_created()
        {
            var listing = new[] { new Group { Id = "w1", DisplayName = "Ops" }, new Group { Id = "w2", DisplayName = "ops" } };
            var plans = Plan(new[] { Desired("guid-1", "Ops"), Desired("guid-2", "Sales") }, Array.Empty<GroupSyncStateEntry>(), listing);
            Assert.Equal(GroupPlanKind.Adopt, plans[0].Kind);
            Assert.Equal("w1", plans[0].WireId);
            Assert.Equal(GroupPlanKind.Create, plans[1].Kind);
        }

        [Fact]
        public void A_group_claimed_by_another_source_is_never_adopted()
        {
            var listing = new[] { new Group { Id = "w1", DisplayName = "Ops" } };
            var plans = Plan(new[] { Desired("guid-1", "Ops", A), Desired("guid-2", "Ops") }, new[] { Entry("guid-1", "w1", "Ops", A) }, listing);
            Assert.Equal(GroupPlanKind.Unchanged, plans[0].Kind);
            Assert.Equal(GroupPlanKind.Create, plans[1].Kind);
        }

        [Fact]
        public void Two_unclaimed_namesakes_are_ambiguous()
        {
            var listing = new[] { new Group { Id = "w1", DisplayName = "Ops" }, new Group { Id = "w2", DisplayName = "Ops" } };
            var plan = Plan(new[] { Desired("Ops", "Ops") }, Array.Empty<GroupSyncStateEntry>(), listing).Single();
            Assert.Equal(GroupPlanKind.Ambiguous, plan.Kind);
            Assert.Equal(new[] { "w1", "w2" }, plan.Candidates);
        }

        [Fact]
        public void With_Full_the_listing_decides_and_an_equal_group_stays_unchanged()
        {
            var state = new[] { Entry("guid-1", "w1", "Ops", A) };
            var same = Plan(new[] { Desired("guid-1", "Ops", A) }, state, new[] { new Group { Id = "w1", DisplayName = "Ops", Members = new[] { A } } }, full: true).Single();
            Assert.Equal(GroupPlanKind.Unchanged, same.Kind);
            var drifted = Plan(new[] { Desired("guid-1", "Ops", A) }, state, new[] { new Group { Id = "w1", DisplayName = "Ops", Members = new[] { A, B } } }, full: true).Single();
            Assert.Equal(GroupPlanKind.Update, drifted.Kind);
        }

        [Fact]
        public void A_group_gone_from_Wire_is_made_again()
        {
            var plan = Plan(new[] { Desired("guid-1", "Ops", A) }, new[] { Entry("guid-1", "w1", "Ops", B) }, Array.Empty<Group>()).Single();
            Assert.Equal(GroupPlanKind.Create, plan.Kind);
            Assert.True(plan.Recreate);
        }

        [Fact]
        public void The_deletion_guard_holds_back_more_than_the_maximum_and_an_empty_input()
        {
            var state = Enumerable.Range(1, 12).Select(i => Entry("s" + i, "w" + i, "G" + i)).ToList();
            var inputOne = new HashSet<string> { "s1" };
            Assert.True(GroupSyncPlanner.PlanMissing(state, inputOne, remove: true, maxMissing: 10, force: false).GuardTripped);
            Assert.False(GroupSyncPlanner.PlanMissing(state, inputOne, remove: true, maxMissing: 10, force: true).GuardTripped);
            Assert.False(GroupSyncPlanner.PlanMissing(state, inputOne, remove: false, maxMissing: 10, force: false).GuardTripped);
            var two = state.Take(2).ToList();
            var none = GroupSyncPlanner.PlanMissing(two, new HashSet<string>(), remove: true, maxMissing: 10, force: false);
            Assert.True(none.GuardTripped);
            Assert.Contains("None of the 2 groups", none.GuardMessage);
            var oneMissing = GroupSyncPlanner.PlanMissing(two, new HashSet<string> { "s1" }, remove: true, maxMissing: 10, force: false);
            Assert.False(oneMissing.GuardTripped);
            Assert.Equal("s2", oneMissing.Missing.Single().Source);
        }
    }
}

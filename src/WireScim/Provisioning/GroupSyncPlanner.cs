using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace WireScim.Provisioning
{
    /// <summary>
    /// Decides, without sending anything, what Sync-WireScimGroup does with each desired group: nothing (the state
    /// says Wire already has this name and these members), create, adopt the one Wire group with the exact name, or
    /// update. A listing of Wire's groups is needed only when a group is new to the state, or with -Full.
    /// </summary>
    internal static class GroupSyncPlanner
    {
        /// <summary>A hash of the name and member set: equal fingerprints mean nothing to send.</summary>
        public static string Fingerprint(string displayName, IEnumerable<string> memberIds)
        {
            var text = new StringBuilder(displayName).Append('\u001f');
            foreach (var id in memberIds.Select(id => id.ToLowerInvariant()).Distinct().OrderBy(id => id, StringComparer.Ordinal))
                text.Append(id).Append('\u001f');
            using var sha = SHA256.Create();
            return Convert.ToBase64String(sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToString())));
        }

        /// <summary>Whether the plan needs Wire's group listing (one request per page): a group the state does not know, or -Full.</summary>
        public static bool NeedsListing(IEnumerable<DesiredGroup> desired, Func<string, GroupSyncStateEntry?> state, bool full) =>
            full || desired.Any(group => state(group.Source) == null);

        /// <param name="desired">Each desired group with the eligible member ids it should have.</param>
        /// <param name="state">The last run's entry of a source group.</param>
        /// <param name="stateIds">The Wire ids of every group in the state (claimed: never adopted for another source).</param>
        /// <param name="listing">Wire's groups, or null when not read.</param>
        public static List<GroupPlan> Plan(IReadOnlyList<(DesiredGroup Group, IReadOnlyCollection<string> MemberIds)> desired,
            Func<string, GroupSyncStateEntry?> state, IEnumerable<string> stateIds, IReadOnlyList<Group>? listing, bool full)
        {
            var byId = listing?.Where(group => group.Id != null).GroupBy(group => group.Id!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(group => group.Key, group => group.First(), StringComparer.OrdinalIgnoreCase);
            var claimed = new HashSet<string>(stateIds, StringComparer.OrdinalIgnoreCase);
            var plans = new List<GroupPlan>();
            foreach (var (group, memberIds) in desired)
            {
                var fingerprint = Fingerprint(group.DisplayName, memberIds);
                var entry = state(group.Source);
                if (entry != null && !full && entry.Fingerprint == fingerprint)
                {
                    plans.Add(new GroupPlan(group, GroupPlanKind.Unchanged, entry.Id, memberIds, fingerprint));
                    continue;
                }
                bool gone = entry != null && byId != null && !byId.ContainsKey(entry.Id);
                if (entry != null && !gone)
                {
                    Group? current = null;
                    byId?.TryGetValue(entry.Id, out current);
                    var same = current != null && current.DisplayName == group.DisplayName
                               && new HashSet<string>(current.Members, StringComparer.OrdinalIgnoreCase).SetEquals(memberIds);
                    plans.Add(new GroupPlan(group, same ? GroupPlanKind.Unchanged : GroupPlanKind.Update, entry.Id, memberIds, fingerprint) { Current = current });
                    continue;
                }
                var candidates = (listing ?? Array.Empty<Group>())
                    .Where(wire => wire.Id != null && string.Equals(wire.DisplayName, group.DisplayName, StringComparison.Ordinal) && !claimed.Contains(wire.Id))
                    .ToList();
                if (candidates.Count == 1)
                {
                    claimed.Add(candidates[0].Id!);
                    plans.Add(new GroupPlan(group, GroupPlanKind.Adopt, candidates[0].Id, memberIds, fingerprint) { Current = candidates[0], Recreate = gone });
                }
                else if (candidates.Count == 0)
                    plans.Add(new GroupPlan(group, GroupPlanKind.Create, null, memberIds, fingerprint) { Recreate = gone });
                else
                    plans.Add(new GroupPlan(group, GroupPlanKind.Ambiguous, null, memberIds, fingerprint) { Candidates = candidates.Select(c => c.Id!).ToList() });
            }
            return plans;
        }

        /// <summary>
        /// The groups of the last run that the input lacks. With an action other than reporting, the guard holds all
        /// of them back when they are more than <paramref name="maxMissing"/>, or when none of the state's groups is
        /// in the input (an empty or wrong input must not empty the team), unless <paramref name="force"/>.
        /// </summary>
        public static MissingGroupsPlan PlanMissing(IReadOnlyList<GroupSyncStateEntry> state, ISet<string> inputSources, bool remove, int maxMissing, bool force)
        {
            var missing = state.Where(entry => !inputSources.Contains(entry.Source)).ToList();
            if (!remove || force || missing.Count == 0) return new MissingGroupsPlan(missing, null);
            if (missing.Count > maxMissing)
                return new MissingGroupsPlan(missing,
                    $"{missing.Count} of the {state.Count} groups this sync made are not in the input, more than -MaxMissingActions {maxMissing} allows. Nothing was removed: check that the input is complete. If the change is intended, run again with -Force or a higher -MaxMissingActions.");
            if (missing.Count == state.Count)
                return new MissingGroupsPlan(missing,
                    $"None of the {state.Count} groups this sync made is in the input: an empty or wrong input must not empty the team. Nothing was removed: check the input. If the change is intended, run again with -Force.");
            return new MissingGroupsPlan(missing, null);
        }
    }
}

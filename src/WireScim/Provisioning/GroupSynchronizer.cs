using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>Carries out one group's plan: create, adopt or update through the group's edit queue, or only report under -WhatIf.</summary>
    internal sealed class GroupSynchronizer
    {
        private readonly GroupClient _groups;
        private readonly GroupSyncState _state;
        private readonly bool _whatIf;
        private readonly Func<string, string> _show;
        private readonly Func<string, bool> _known;

        /// <param name="show">A member id -> how results show it (its handle when known).</param>
        /// <param name="known">Whether this sync knows which input member a user id is (from the state or a look-up).</param>
        public GroupSynchronizer(GroupClient groups, GroupSyncState state, bool whatIf, Func<string, string> show, Func<string, bool> known)
        {
            _known = known;
            _groups = groups;
            _state = state;
            _whatIf = whatIf;
            _show = show;
        }

        public async Task<GroupSyncResult> ApplyAsync(GroupPlan plan, IReadOnlyList<MemberResolution> members, CancellationToken cancellationToken)
        {
            var desired = plan.Desired;
            var result = new GroupSyncResult { DisplayName = desired.DisplayName, SourceId = desired.Source, Id = plan.WireId, MemberCount = plan.MemberIds.Count };
            result.Refused = string.Join("; ", members.Where(m => m.Problem != null).Select(m => $"{m.Shown}: {Reason(m.Problem!.ErrorId)}"));
            var notLookedUp = members.Where(m => m.Id == null && m.Problem == null).Select(m => m.Shown + " (not looked up under -WhatIf)").ToList();
            switch (plan.Kind)
            {
                case GroupPlanKind.Unchanged:
                    result.Action = _whatIf ? GroupSyncAction.WouldLeave : GroupSyncAction.Unchanged;
                    if (notLookedUp.Count > 0 && _whatIf) List(result, notLookedUp, Array.Empty<string>());
                    return result;
                case GroupPlanKind.Ambiguous:
                    throw new WireScimException(WireScimErrorKind.Conflict, ErrorIds.GroupNameAmbiguous,
                        $"{plan.Candidates.Count} Wire groups are named '{SafeText.Show(desired.DisplayName)}' and the state file maps none of them to this source group: {string.Join(", ", plan.Candidates)}. "
                        + "None is taken over. Delete or rename the extra groups in Wire, then run again.");
                case GroupPlanKind.Create:
                    return await CreateAsync(plan, members, result, notLookedUp, cancellationToken).ConfigureAwait(false);
            }

            var edit = new GroupEdit { NewDisplayName = desired.DisplayName, ReplaceMembers = plan.MemberIds.ToList() };
            GroupEditResult applied;
            if (_whatIf)
            {
                var current = plan.Current ?? await _groups.GetAsync(plan.WireId!, cancellationToken).ConfigureAwait(false);
                if (current == null) return await CreateAsync(plan, members, result, notLookedUp, cancellationToken).ConfigureAwait(false);
                // A member not looked up has no id yet, so a current member this sync has never resolved may be that
                // member: only members it knows are planned as removed.
                if (notLookedUp.Count > 0)
                    edit = new GroupEdit { NewDisplayName = desired.DisplayName, ReplaceMembers = plan.MemberIds.Concat(current.Members.Where(id => !_known(id))).ToList() };
                var name = current.DisplayName ?? string.Empty;
                var set = new HashSet<string>(current.Members, StringComparer.OrdinalIgnoreCase);
                applied = GroupEditQueue.Apply(edit, ref name, set);
                applied.Changed = name != current.DisplayName || !set.SetEquals(current.Members);
                result.Action = plan.Kind == GroupPlanKind.Adopt ? GroupSyncAction.WouldAdopt
                    : applied.Changed || notLookedUp.Count > 0 ? GroupSyncAction.WouldUpdate : GroupSyncAction.WouldLeave;
                result.MemberCount = set.Count + notLookedUp.Count;
                List(result, applied.Added.Select(_show).Concat(notLookedUp).ToList(), applied.Removed.Select(_show).ToList());
                return result;
            }
            try
            {
                applied = await GroupEditQueue.SubmitAsync(_groups, plan.WireId!, edit, cancellationToken).ConfigureAwait(false);
            }
            catch (WireScimException error) when (error.ErrorId == ErrorIds.GroupNotFound && plan.Kind == GroupPlanKind.Update)
            {
                // The group of the last run is gone (deleted in Team Settings, say): it is made again.
                return await CreateAsync(plan, members, result, notLookedUp, cancellationToken).ConfigureAwait(false);
            }
            result.Action = plan.Kind == GroupPlanKind.Adopt ? GroupSyncAction.Adopted : applied.Changed ? GroupSyncAction.Updated : GroupSyncAction.Unchanged;
            result.Id = applied.Group.Id;
            result.MemberCount = applied.Group.MemberCount;
            List(result, applied.Added.Select(_show).ToList(), applied.Removed.Select(_show).ToList());
            NoteRefused(result, applied);
            Remember(plan, applied.Group);
            return result;
        }

        private async Task<GroupSyncResult> CreateAsync(GroupPlan plan, IReadOnlyList<MemberResolution> members, GroupSyncResult result, List<string> notLookedUp, CancellationToken cancellationToken)
        {
            if (_whatIf)
            {
                result.Action = GroupSyncAction.WouldCreate;
                result.Id = null;
                result.MemberCount = plan.MemberIds.Count + notLookedUp.Count;
                List(result, plan.MemberIds.Select(_show).Concat(notLookedUp).ToList(), Array.Empty<string>());
                return result;
            }
            // Wire answers a POST naming one missing or pending member with 500 and creates nothing, so the POST carries
            // only members checked in this run; members remembered from the state (deleted since, perhaps) follow in a
            // PUT, where Wire names a missing one with 404 and the rest still go in.
            var checkedIds = new HashSet<string>(members.Where(m => m.IsEligible && !m.FromState).Select(m => m.Id!), StringComparer.OrdinalIgnoreCase);
            var created = await _groups.CreateAsync(plan.Desired.DisplayName, plan.MemberIds.Where(checkedIds.Contains), cancellationToken).ConfigureAwait(false);
            var added = created.Members.ToList();
            var remembered = plan.MemberIds.Where(id => !checkedIds.Contains(id)).ToList();
            if (remembered.Count > 0)
            {
                var applied = await GroupEditQueue.SubmitAsync(_groups, created.Id!, new GroupEdit { Add = remembered }, cancellationToken).ConfigureAwait(false);
                added.AddRange(applied.Added);
                NoteRefused(result, applied);
                created = applied.Group;
            }
            result.Action = GroupSyncAction.Created;
            result.Id = created.Id;
            result.MemberCount = created.MemberCount;
            List(result, added.Select(_show).ToList(), Array.Empty<string>());
            Remember(plan, created);
            return result;
        }

        public async Task<GroupSyncResult> RemoveAsync(GroupSyncStateEntry entry, CancellationToken cancellationToken)
        {
            var result = new GroupSyncResult { DisplayName = entry.DisplayName, SourceId = entry.Source, Id = entry.Id, MemberCount = entry.Members.Length };
            if (_whatIf)
            {
                result.Action = GroupSyncAction.WouldRemove;
                return result;
            }
            await _groups.DeleteAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            _state.Forget(entry.Source);
            result.Action = GroupSyncAction.Removed;
            result.MemberCount = 0;
            return result;
        }

        /// <summary>Member ids Wire refused on PUT in this run: their remembered ids are stale and are forgotten.</summary>
        public ConcurrentBag<string> RefusedIds { get; } = new ConcurrentBag<string>();

        private void NoteRefused(GroupSyncResult result, GroupEditResult applied)
        {
            if (applied.Refused.Count == 0) return;
            foreach (var (id, _) in applied.Refused) RefusedIds.Add(id);
            result.Refused = string.Join("; ", new[] { result.Refused }.Where(text => text.Length > 0)
                .Concat(applied.Refused.Select(refused => $"{_show(refused.Id)}: {Reason(refused.Error.ErrorId)}")));
        }

        private void Remember(GroupPlan plan, Group group) =>
            _state.Record(new GroupSyncStateEntry
            {
                Source = plan.Desired.Source, Id = group.Id!, DisplayName = group.DisplayName, Members = group.Members,
                // The fingerprint of what Wire now has: members Wire refused make it differ, so the next run tries them again.
                Fingerprint = GroupSyncPlanner.Fingerprint(group.DisplayName ?? string.Empty, group.Members),
            });

        private static void List(GroupSyncResult result, List<string> added, IReadOnlyCollection<string> removed)
        {
            result.AddedCount = added.Count;
            result.RemovedCount = removed.Count;
            result.Added = string.Join("; ", added);
            result.Removed = string.Join("; ", removed);
        }

        internal static string Reason(string errorId) => errorId switch
        {
            ErrorIds.MemberNotFound => "no such user",
            ErrorIds.MemberPending => "pending invitee (or suspended)",
            ErrorIds.MemberNotScimManaged => "not managed by SCIM",
            _ => errorId,
        };
    }
}

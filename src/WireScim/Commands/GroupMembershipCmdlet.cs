using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Add-WireScimGroupMember and Remove-WireScimGroupMember. Rows are resolved as they arrive (group and members,
    /// in parallel); the changes are then applied per group with one read and one PUT, through the group's edit queue,
    /// so piping 50 rows for one group sends one PUT and loses none of them.
    /// </summary>
    public abstract class GroupMembershipCmdlet : GroupCmdlet
    {
        /// <summary>The group: a WireScim.Group, its id, or its exact name (names must be unique for this).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "GroupId")]
        public object Group { get; set; } = string.Empty;

        /// <summary>Users piped in bind here: WireScim.User objects, Wire ids, handles, CSV rows or AD objects.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object[] Member { get; set; } = new object[0];

        /// <summary>Write each changed group.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _groupIds = new ConcurrentDictionary<string, Lazy<Task<string>>>(StringComparer.Ordinal);
        private readonly Dictionary<string, (HashSet<string> Ids, WorkState State)> _changes = new Dictionary<string, (HashSet<string>, WorkState)>(StringComparer.OrdinalIgnoreCase);
        private GroupMemberResolver? _resolver;
        private int _row;

        internal abstract bool Removes { get; }

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            _row++;
            var groupKey = GroupKey(Group);
            var problems = new List<string>();
            var members = GroupMemberBinder.Bind(Member, problems);
            var shown = string.Join(", ", members.Select(m => m.ToString()));
            var state = new WorkState(_row, Member.Length == 1 ? Member[0] : Member, MyInvocation.ExpectingInput ? UserInputBinder.RowPrefix(true, _row, groupKey) : null);
            WriteBindingProblems(problems, state);
            if (groupKey.Length == 0)
            {
                WriteError(ErrorRecords.From(new WireScimException(WireScimErrorKind.InvalidRequest, "WireScim.GroupRequired", "Name the group with -Group (a group from Get-WireScimGroup, its id, or its name)."), state.Input, state.Prefix));
                return;
            }
            if (members.Count == 0) return;
            if (!ShouldProcess($"Wire group '{groupKey}'", (Removes ? "Remove member(s) " : "Add member(s) ") + shown)) return;
            var resolver = _resolver ??= NewResolver(forRemoval: Removes);
            var groups = Groups;
            var parallel = ThrottleLimit;
            var cancellation = Runner.Token;
            var groupId = _groupIds.GetOrAdd(groupKey, key => new Lazy<Task<string>>(() => GroupFinder.ResolveIdAsync(groups, key, cancellation)));
            Enqueue(state, async token =>
            {
                var id = await groupId.Value.ConfigureAwait(false);
                return (object)new Resolved(id, groupKey, await resolver.ResolveAllAsync(members, parallel, token).ConfigureAwait(false));
            });
        }

        private static string GroupKey(object? group)
        {
            var inner = group is PSObject wrapped ? wrapped.BaseObject : group;
            if (inner is Group known) return known.Id ?? string.Empty;
            if (inner is PSObject custom && custom.Properties["Id"]?.Value is object id) return id.ToString() ?? string.Empty;
            return inner?.ToString()?.Trim() ?? string.Empty;
        }

        private sealed class Resolved
        {
            public Resolved(string groupId, string groupKey, MemberResolution[] members)
            {
                GroupId = groupId;
                GroupKey = groupKey;
                Members = members;
            }

            public string GroupId { get; }
            public string GroupKey { get; }
            public MemberResolution[] Members { get; }
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            if (result is Resolved resolved)
            {
                WriteMemberProblems(resolved.Members, state, resolved.GroupKey);
                if (!_changes.TryGetValue(resolved.GroupId, out var change)) _changes[resolved.GroupId] = change = (new HashSet<string>(StringComparer.OrdinalIgnoreCase), state);
                foreach (var member in resolved.Members) if (member.IsEligible) change.Ids.Add(member.Id!);
                return;
            }
            WriteEditOutcome(this, (GroupEditResult)result!, new MemberResolution[0], state, PassThru);
        }

        protected override void EndProcessing()
        {
            Drain(wait: true);
            var groups = _changes.Count > 0 ? Groups : null;
            foreach (var change in _changes)
            {
                var ids = change.Value.Ids.ToList();
                var edit = Removes ? new GroupEdit { Remove = ids } : new GroupEdit { Add = ids };
                var groupId = change.Key;
                Enqueue(new WorkState(change.Value.State.Row, groupId, change.Value.State.Prefix),
                    async token => await GroupEditQueue.SubmitAsync(groups!, groupId, edit, token).ConfigureAwait(false));
            }
            _changes.Clear();
            base.EndProcessing();
        }

        /// <summary>Reports what one edit did: refusals as errors, the counts as verbose text, the group with -PassThru.</summary>
        internal static void WriteEditOutcome(GroupCmdlet cmdlet, GroupEditResult edit, IEnumerable<MemberResolution> resolved, WorkState state, bool passThru)
        {
            var name = edit.Group.DisplayName ?? edit.Group.Id ?? string.Empty;
            cmdlet.WriteMemberProblems(resolved, state, name);
            foreach (var (id, error) in edit.Refused)
                cmdlet.WriteError(ErrorRecords.From(error.WithMessage($"Group '{Validation.UserValidator.Show(name)}': {error.Message}"), id, state.Prefix));
            cmdlet.WriteVerbose($"Group '{name}' ({edit.Group.Id}): {edit.Added.Count} added, {edit.Removed.Count} removed"
                + (edit.AlreadyMembers.Count > 0 ? $", {edit.AlreadyMembers.Count} already members" : string.Empty)
                + (edit.NotMembers.Count > 0 ? $", {edit.NotMembers.Count} not members" : string.Empty)
                + (edit.PreviousDisplayName != null && edit.PreviousDisplayName != edit.Group.DisplayName ? $", renamed from '{edit.PreviousDisplayName}'" : string.Empty)
                + (edit.Changed ? "." : "; nothing to change, no PUT sent."));
            if (passThru) cmdlet.WriteObject(edit.Group);
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Add-WireScimGroupMember and Remove-WireScimGroupMember. Rows are resolved as they arrive (group and members,
    /// in parallel); the changes are then applied per group with one read and one PUT, through the group's edit queue,
    /// so piping 50 rows for one group sends one PUT and loses none of them.
    /// </summary>
    public abstract class GroupMembershipCmdlet : WireScimCmdlet
    {
        /// <summary>The group: a WireScim.Group, its id, or its exact name (names must be unique for this).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "GroupId")]
        public object Group { get; set; } = string.Empty;

        /// <summary>Users piped in bind here: WireScim.User objects, Wire ids, handles, CSV rows or AD objects.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipeline = true)]
        public object[] Member { get; set; } = Array.Empty<object>();

        /// <summary>Write each changed group.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Requests in flight at once. Lower it to be gentle with a small server.</summary>
        [Parameter]
        [ValidateRange(1, BulkEngine<GroupSession>.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = BulkEngine<GroupSession>.DefaultThrottleLimit;

        private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _groupIds = new ConcurrentDictionary<string, Lazy<Task<string>>>(StringComparer.Ordinal);
        private readonly Dictionary<string, (HashSet<string> Ids, WorkState State)> _changes = new Dictionary<string, (HashSet<string>, WorkState)>(StringComparer.OrdinalIgnoreCase);
        private GroupMemberResolver? _resolver;
        private int _row;

        internal abstract string Activity { get; }
        internal abstract bool Removes { get; }

        private BulkEngine<GroupSession> Groups => Engine(Activity, ThrottleLimit, GroupSession.Open);

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            _row++;
            var groupKey = GroupKey(Group);
            var problems = new List<string>();
            var members = GroupMemberBinder.Bind(Member, problems);
            var state = new WorkState(_row, Member.Length == 1 ? Member[0] : Member, UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, groupKey));
            GroupOutput.WriteBindingProblems(this, problems, state);
            if (groupKey.Length == 0)
            {
                GroupOutput.WriteInvalid(this, ErrorIds.GroupRequired, "Name the group with -Group (a group from Get-WireScimGroup, its id, or its name).", state.Input, state.Prefix);
                return;
            }
            if (members.Count == 0) return;
            if (!ShouldProcess($"Wire group '{groupKey}'", (Removes ? "Remove member(s) " : "Add member(s) ") + string.Join(", ", members.Select(m => m.ToString())))) return;
            var engine = Groups;
            var resolver = _resolver ??= GroupOutput.NewResolver(engine.Session, whatIf: false, knownIds: null, forRemoval: Removes);
            var groups = engine.Session.Groups;
            var cancellation = engine.Token;
            var parallel = ThrottleLimit;
            var groupId = _groupIds.GetOrAdd(groupKey, key => new Lazy<Task<string>>(() => GroupFinder.ResolveIdAsync(groups, key, cancellation)));
            engine.Enqueue(state,
                async (session, token) => (GroupId: await groupId.Value.ConfigureAwait(false), Members: await resolver.ResolveAllAsync(members, parallel, token).ConfigureAwait(false)),
                resolved =>
                {
                    GroupOutput.WriteMemberProblems(this, resolved.Members, state, groupKey);
                    if (!_changes.TryGetValue(resolved.GroupId, out var change)) _changes[resolved.GroupId] = change = (new HashSet<string>(StringComparer.OrdinalIgnoreCase), state);
                    foreach (var member in resolved.Members) if (member.IsEligible) change.Ids.Add(member.Id!);
                });
        }

        private static string GroupKey(object? group)
        {
            var inner = group is PSObject wrapped ? wrapped.BaseObject : group;
            if (inner is Group known) return known.Id ?? string.Empty;
            if (inner is PSObject custom && custom.Properties["Id"]?.Value is object id) return id.ToString() ?? string.Empty;
            return inner?.ToString()?.Trim() ?? string.Empty;
        }

        protected override void EndProcessing()
        {
            if (_changes.Count == 0 && _groupIds.IsEmpty)
            {
                base.EndProcessing();
                return;
            }
            var engine = Groups;
            engine.Drain(wait: true);
            foreach (var change in _changes)
            {
                var ids = change.Value.Ids.ToList();
                var edit = Removes ? new GroupEdit { Remove = ids } : new GroupEdit { Add = ids };
                var groupId = change.Key;
                var state = new WorkState(change.Value.State.Row, groupId, change.Value.State.Prefix);
                engine.Enqueue(state, (session, token) => GroupEditQueue.SubmitAsync(session.Groups, groupId, edit, token),
                    done => GroupOutput.WriteEditOutcome(this, done, Array.Empty<MemberResolution>(), state, PassThru));
            }
            _changes.Clear();
            base.EndProcessing();
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>Renames a group and/or replaces its members: GET, change, PUT of the whole group (Wire has no working PATCH for groups).</summary>
    [Cmdlet(VerbsCommon.Set, "WireScimGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Group))]
    public sealed class SetWireScimGroupCommand : GroupCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupId")]
        public string Id { get; set; } = string.Empty;

        [Parameter]
        public string? NewDisplayName { get; set; }

        /// <summary>The complete new member list; @() empties the group. To add or remove some, use Add-/Remove-WireScimGroupMember.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? Member { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private GroupMemberResolver? _resolver;
        private int _row;

        internal override string Activity => "Changing Wire groups";

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            _row++;
            var state = new WorkState(_row, Id, MyInvocation.ExpectingInput ? UserInputBinder.RowPrefix(true, _row, Id) : null);
            var replace = MyInvocation.BoundParameters.ContainsKey(nameof(Member));
            if (NewDisplayName == null && !replace)
            {
                WriteError(ErrorRecords.From(new WireScimException(WireScimErrorKind.InvalidRequest, "WireScim.NothingToChange",
                    "Give -NewDisplayName and/or -Member (the complete member list); to add or remove some members use Add-WireScimGroupMember or Remove-WireScimGroupMember."), Id, state.Prefix));
                return;
            }
            if (NewDisplayName != null && CheckDisplayName(NewDisplayName) is string nameProblem)
            {
                WriteError(ErrorRecords.From(new WireScimException(WireScimErrorKind.InvalidRequest, "WireScim.InvalidGroupName", nameProblem), Id, state.Prefix));
                return;
            }
            var problems = new List<string>();
            var members = replace ? GroupMemberBinder.Bind(Member ?? new object[0], problems) : null;
            WriteBindingProblems(problems, state);
            var what = string.Join(" and ", new[]
            {
                NewDisplayName != null ? $"rename to '{NewDisplayName}'" : null,
                members != null ? $"set {members.Count} member{(members.Count == 1 ? string.Empty : "s")}" : null,
            }.Where(part => part != null));
            if (!ShouldProcess($"Wire group {Id}", what)) return;
            var resolver = _resolver ??= NewResolver();
            var groups = Groups;
            var id = Id;
            var name = NewDisplayName;
            var parallel = ThrottleLimit;
            Enqueue(state, async token =>
            {
                var resolved = members == null ? new MemberResolution[0] : await resolver.ResolveAllAsync(members, parallel, token).ConfigureAwait(false);
                var edit = new GroupEdit
                {
                    NewDisplayName = name,
                    ReplaceMembers = members == null ? null : resolved.Where(m => m.IsEligible).Select(m => m.Id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                };
                return (object)(await GroupEditQueue.SubmitAsync(groups, id, edit, token).ConfigureAwait(false), resolved);
            });
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            var (edit, resolved) = ((GroupEditResult, MemberResolution[]))result!;
            GroupMembershipCmdlet.WriteEditOutcome(this, edit, resolved, state, PassThru);
        }
    }
}

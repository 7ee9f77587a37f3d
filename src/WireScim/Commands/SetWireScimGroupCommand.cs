using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
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

        protected override void ProcessRecord()
        {
            _row++;
            var state = new WorkState(_row, Id, UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, Id));
            var replace = MyInvocation.BoundParameters.ContainsKey(nameof(Member));
            if (NewDisplayName == null && !replace)
            {
                GroupOutput.WriteInvalid(this, ErrorIds.NothingToChange,
                    "Give -NewDisplayName and/or -Member (the complete member list); to add or remove some members use Add-WireScimGroupMember or Remove-WireScimGroupMember.", Id, state.Prefix);
                return;
            }
            if (NewDisplayName != null && GroupOutput.CheckDisplayName(NewDisplayName) is string nameProblem)
            {
                GroupOutput.WriteInvalid(this, ErrorIds.InvalidGroupName, nameProblem, Id, state.Prefix);
                return;
            }
            var problems = new List<string>();
            var members = replace ? GroupMemberBinder.Bind(Member ?? Array.Empty<object>(), problems) : null;
            GroupOutput.WriteBindingProblems(this, problems, state);
            var what = string.Join(" and ", new[]
            {
                NewDisplayName != null ? $"rename to '{NewDisplayName}'" : null,
                members != null ? $"set {members.Count} member{(members.Count == 1 ? string.Empty : "s")}" : null,
            }.Where(part => part != null));
            if (!ShouldProcess($"Wire group {Id}", what)) return;
            var resolver = _resolver ??= NewResolver();
            var id = Id;
            var name = NewDisplayName;
            var parallel = ThrottleLimit;
            Groups.Enqueue(state,
                async (session, token) =>
                {
                    var resolved = members == null ? Array.Empty<MemberResolution>() : await resolver.ResolveAllAsync(members, parallel, token).ConfigureAwait(false);
                    var edit = new GroupEdit
                    {
                        NewDisplayName = name,
                        ReplaceMembers = members == null ? null : resolved.Where(m => m.IsEligible).Select(m => m.Id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
                    };
                    return (Edit: await GroupEditQueue.SubmitAsync(session.Groups, id, edit, token).ConfigureAwait(false), Resolved: resolved);
                },
                done => GroupOutput.WriteEditOutcome(this, done.Edit, done.Resolved, state, PassThru));
        }
    }
}

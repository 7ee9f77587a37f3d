using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>Creates Wire groups, checking every member first (Wire answers a create with one ineligible member with 500).</summary>
    [Cmdlet(VerbsCommon.New, "WireScimGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Group))]
    public sealed class NewWireScimGroupCommand : GroupCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("GroupName", "Name")]
        public string DisplayName { get; set; } = string.Empty;

        /// <summary>WireScim.User objects, Wire ids, handles, or objects with Id, UserName or ExternalId.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Members")]
        public object[]? Member { get; set; }

        private GroupMemberResolver? _resolver;
        private int _row;

        internal override string Activity => "Creating Wire groups";

        protected override void ProcessRecord()
        {
            _row++;
            var state = new WorkState(_row, DisplayName, UserInputBinder.RowPrefix(MyInvocation.ExpectingInput, _row, DisplayName));
            if (GroupOutput.CheckDisplayName(DisplayName) is string nameProblem)
            {
                GroupOutput.WriteInvalid(this, ErrorIds.InvalidGroupName, nameProblem, DisplayName, state.Prefix);
                CountRejected();
                return;
            }
            var problems = new List<string>();
            var members = GroupMemberBinder.Bind(Member, problems);
            GroupOutput.WriteBindingProblems(this, problems, state);
            if (!ShouldProcess($"Wire group '{DisplayName}' with {members.Count} member{(members.Count == 1 ? string.Empty : "s")}", "Create")) return;
            var resolver = _resolver ??= NewResolver();
            var name = DisplayName;
            var parallel = ThrottleLimit;
            Groups.Enqueue(state,
                async (session, token) =>
                {
                    var resolved = await resolver.ResolveAllAsync(members, parallel, token).ConfigureAwait(false);
                    var ids = resolved.Where(m => m.IsEligible).Select(m => m.Id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    return (Group: await session.Groups.CreateAsync(name, ids, token).ConfigureAwait(false), Resolved: resolved);
                },
                created =>
                {
                    GroupOutput.WriteMemberProblems(this, created.Resolved, state, created.Group.DisplayName ?? name);
                    WriteObject(created.Group);
                });
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Provisioning;

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

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            _row++;
            var state = new WorkState(_row, DisplayName, MyInvocation.ExpectingInput ? UserInputBinder.RowPrefix(true, _row, DisplayName) : null);
            if (CheckDisplayName(DisplayName) is string nameProblem)
            {
                WriteError(ErrorRecords.From(new Scim.WireScimException(Scim.WireScimErrorKind.InvalidRequest, "WireScim.InvalidGroupName", nameProblem), DisplayName, state.Prefix));
                CountRejected();
                return;
            }
            var problems = new List<string>();
            var members = GroupMemberBinder.Bind(Member, problems);
            WriteBindingProblems(problems, state);
            if (!ShouldProcess($"Wire group '{DisplayName}' with {members.Count} member{(members.Count == 1 ? string.Empty : "s")}", "Create")) return;
            var resolver = _resolver ??= NewResolver();
            var groups = Groups;
            var name = DisplayName;
            var parallel = ThrottleLimit;
            Enqueue(state, async token =>
            {
                var resolved = await resolver.ResolveAllAsync(members, parallel, token).ConfigureAwait(false);
                var ids = resolved.Where(m => m.IsEligible).Select(m => m.Id!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var group = await groups.CreateAsync(name, ids, token).ConfigureAwait(false);
                return (object)(group, resolved);
            });
        }

        internal override void OnCompleted(WorkState state, object? result)
        {
            var (group, resolved) = ((Group, MemberResolution[]))result!;
            WriteMemberProblems(resolved, state, group.DisplayName ?? string.Empty);
            WriteObject(group);
        }
    }
}

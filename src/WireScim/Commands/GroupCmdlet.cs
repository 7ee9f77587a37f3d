using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>Cmdlets on Wire's SCIM groups (Wire 5.24 and later): the group client and the member checks they share.</summary>
    public abstract class GroupCmdlet : BulkCmdlet
    {
        private GroupClient? _groups;

        internal GroupClient Groups => _groups ??= ResolveConnection().CreateGroupClient(Runner, Runner.ThrottleLimit);

        internal GroupMemberResolver NewResolver(bool whatIf = false, IReadOnlyDictionary<string, string>? knownIds = null, bool forRemoval = false) =>
            new GroupMemberResolver(Client, ResolveConnection().TeamMode, whatIf, knownIds, forRemoval);

        /// <summary>Writes one error per member Wire would not take, naming the group; the other members go on.</summary>
        internal void WriteMemberProblems(IEnumerable<MemberResolution> members, WorkState state, string group)
        {
            foreach (var member in members)
                if (member.Problem != null)
                    WriteError(ErrorRecords.From(member.Problem.WithMessage($"Group '{Validation.UserValidator.Show(group)}': {member.Problem.Message}"), state.Input ?? member.Reference.Value, state.Prefix));
        }

        /// <summary>Writes the members that name no user at all (before any look-up).</summary>
        internal void WriteBindingProblems(IEnumerable<string> problems, WorkState state)
        {
            foreach (var problem in problems)
                WriteError(ErrorRecords.From(new WireScimException(WireScimErrorKind.InvalidRequest, "WireScim.InvalidMember", problem), state.Input, state.Prefix));
        }

        /// <summary>Wire's rule for group names: 1 to 4000 characters.</summary>
        internal static string? CheckDisplayName(string? name) =>
            string.IsNullOrEmpty(name) ? "A group needs a display name of 1 to 4000 characters."
            : name!.Length > 4000 ? $"The group name has {name.Length} characters; Wire allows 1 to 4000."
            : null;
    }
}

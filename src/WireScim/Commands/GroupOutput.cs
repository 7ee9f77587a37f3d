using System.Collections.Generic;
using System.Management.Automation;
using WireScim.Engine;
using WireScim.Provisioning;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>What the group cmdlets write alike: one error per refused member, edit summaries, Wire's name rule.</summary>
    internal static class GroupOutput
    {
        public static GroupMemberResolver NewResolver(GroupSession session, bool whatIf, IReadOnlyDictionary<string, string>? knownIds, bool forRemoval) =>
            new GroupMemberResolver(session.Users, session.TeamMode, whatIf, knownIds, forRemoval);

        /// <summary>Writes one error per member Wire would not take, naming the group; the other members go on.</summary>
        public static void WriteMemberProblems(PSCmdlet cmdlet, IEnumerable<MemberResolution> members, WorkState state, string group)
        {
            foreach (var member in members)
                if (member.Problem != null)
                    cmdlet.WriteError(ErrorRecords.From(member.Problem.WithMessage($"Group '{SafeText.Show(group)}': {member.Problem.Message}"), state.Input ?? member.Reference.Value, state.Prefix));
        }

        /// <summary>Writes the members that name no user at all (found before any look-up).</summary>
        public static void WriteBindingProblems(PSCmdlet cmdlet, IEnumerable<string> problems, WorkState state)
        {
            foreach (var problem in problems)
                cmdlet.WriteError(ErrorRecords.From(new WireScimException(WireScimErrorKind.InvalidRequest, ErrorIds.InvalidMember, problem), state.Input, state.Prefix));
        }

        /// <summary>Writes an input error that no request was sent for.</summary>
        public static void WriteInvalid(PSCmdlet cmdlet, string errorId, string message, object? target, string? prefix) =>
            cmdlet.WriteError(ErrorRecords.From(new WireScimException(WireScimErrorKind.InvalidRequest, errorId, message), target, prefix));

        /// <summary>Wire's rule for group names: 1 to 4000 characters.</summary>
        public static string? CheckDisplayName(string? name) =>
            string.IsNullOrEmpty(name) ? "A group needs a display name of 1 to 4000 characters."
            : name!.Length > 4000 ? $"The group name has {name.Length} characters; Wire allows 1 to 4000."
            : null;

        /// <summary>Reports what one edit did: refusals as errors, the counts as verbose text, the group with -PassThru.</summary>
        public static void WriteEditOutcome(PSCmdlet cmdlet, GroupEditResult edit, IEnumerable<MemberResolution> resolved, WorkState state, bool passThru)
        {
            var name = edit.Group.DisplayName ?? edit.Group.Id ?? string.Empty;
            WriteMemberProblems(cmdlet, resolved, state, name);
            foreach (var (id, error) in edit.Refused)
                cmdlet.WriteError(ErrorRecords.From(error.WithMessage($"Group '{SafeText.Show(name)}': {error.Message}"), id, state.Prefix));
            cmdlet.WriteVerbose($"Group '{name}' ({edit.Group.Id}): {edit.Added.Count} added, {edit.Removed.Count} removed"
                + (edit.AlreadyMembers.Count > 0 ? $", {edit.AlreadyMembers.Count} already members" : string.Empty)
                + (edit.NotMembers.Count > 0 ? $", {edit.NotMembers.Count} not members" : string.Empty)
                + (edit.PreviousDisplayName != null && edit.PreviousDisplayName != edit.Group.DisplayName ? $", renamed from '{edit.PreviousDisplayName}'" : string.Empty)
                + (edit.Changed ? "." : "; nothing to change, no PUT sent."));
            if (passThru) cmdlet.WriteObject(edit.Group);
        }
    }
}

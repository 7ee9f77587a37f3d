using System.Management.Automation;

namespace WireScim.Commands
{
    /// <summary>Adds users to a group; each is checked first (Wire takes only accepted, SCIM-managed team members).</summary>
    [Cmdlet(VerbsCommon.Add, "WireScimGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Group))]
    public sealed class AddWireScimGroupMemberCommand : GroupMembershipCmdlet
    {
        internal override string Activity => "Adding Wire group members";
        internal override bool Removes => false;
    }
}

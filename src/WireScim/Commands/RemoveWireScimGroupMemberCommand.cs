using System.Management.Automation;

namespace WireScim.Commands
{
    /// <summary>Takes users out of a group; the users themselves stay in Wire.</summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Group))]
    public sealed class RemoveWireScimGroupMemberCommand : GroupMembershipCmdlet
    {
        internal override string Activity => "Removing Wire group members";
        internal override bool Removes => true;
    }
}

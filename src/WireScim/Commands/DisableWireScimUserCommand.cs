using System.Management.Automation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsLifecycle.Disable, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class DisableWireScimUserCommand : UserActivationCmdlet
    {
        internal override bool TargetActive => false;
    }
}

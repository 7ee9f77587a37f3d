using System.Management.Automation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsLifecycle.Enable, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class EnableWireScimUserCommand : UserActivationCmdlet
    {
        internal override bool TargetActive => true;
    }
}

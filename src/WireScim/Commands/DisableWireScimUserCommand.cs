using System.Management.Automation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsLifecycle.Disable, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class DisableWireScimUserCommand : UserKeyCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string Activity => "Disabling Wire users";

        protected override void ProcessRecord() => SetActive(active: false, PassThru);
    }
}

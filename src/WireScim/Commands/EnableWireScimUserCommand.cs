using System.Management.Automation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsLifecycle.Enable, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(User))]
    public sealed class EnableWireScimUserCommand : UserKeyCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string Activity => "Enabling Wire users";

        protected override void ProcessRecord() => SetActive(active: true, PassThru);
    }
}

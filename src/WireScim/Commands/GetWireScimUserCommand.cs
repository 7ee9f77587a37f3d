using System.Management.Automation;
using WireScim.Provisioning;

namespace WireScim.Commands
{
    [Cmdlet(VerbsCommon.Get, "WireScimUser")]
    [OutputType(typeof(User))]
    public sealed class GetWireScimUserCommand : UserKeyCmdlet
    {
        internal override string Activity => "Reading Wire users";

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            foreach (var (key, state) in CurrentKeys())
            {
                var provisioner = Provisioner;
                Enqueue(state, async token => await FindOrFailAsync(provisioner, key, token).ConfigureAwait(false));
            }
        }

        internal override void OnCompleted(WorkState state, object? result) => WriteObject(result);
    }
}

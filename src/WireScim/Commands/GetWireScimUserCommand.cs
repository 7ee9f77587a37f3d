using System.Management.Automation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsCommon.Get, "WireScimUser")]
    [OutputType(typeof(User))]
    public sealed class GetWireScimUserCommand : UserKeyCmdlet
    {
        internal override string Activity => "Reading Wire users";

        protected override void ProcessRecord()
        {
            foreach (var (key, state) in CurrentKeys())
                Users.Enqueue(state, (session, token) => key.FindAsync(session.Provisioner, token), WriteObject);
        }
    }
}

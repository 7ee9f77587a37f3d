using System.Management.Automation;

namespace WireScim.Commands
{
    /// <summary>Deletes users for good. Disable-WireScimUser is the reversible alternative.</summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWireScimUserCommand : UserKeyCmdlet
    {
        internal override string Activity => "Removing Wire users";

        protected override void ProcessRecord()
        {
            foreach (var (key, state) in CurrentKeys())
            {
                if (!ShouldProcess($"Wire user with {key}", "Delete permanently")) continue;
                Users.Enqueue(state,
                    async (session, token) =>
                    {
                        // Wire answers 204 even for ids it does not know, so handles and externalIds are resolved first
                        // to report a user that is not there.
                        var id = key.Kind == UserKeyKind.Id ? key.Value : (await key.FindAsync(session.Provisioner, token).ConfigureAwait(false)).Id!;
                        await session.Client.DeleteAsync(id, token).ConfigureAwait(false);
                        return id;
                    },
                    id => WriteVerbose($"{state.Prefix}deleted Wire user {id}. Wire removes it asynchronously: a lookup may still find it for a short while."));
            }
        }
    }
}

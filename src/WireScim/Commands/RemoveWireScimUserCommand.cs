using System.Management.Automation;
using WireScim.Provisioning;

namespace WireScim.Commands
{
    /// <summary>Deletes users for good. Disable-WireScimUser is the reversible alternative.</summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWireScimUserCommand : UserKeyCmdlet
    {
        internal override string Activity => "Removing Wire users";

        protected override void BeginProcessing() => ResolveConnection();

        protected override void ProcessRecord()
        {
            foreach (var (key, state) in CurrentKeys())
            {
                if (!ShouldProcess($"Wire user with {key}", "Delete permanently")) continue;
                var provisioner = Provisioner;
                Enqueue(state, async token =>
                {
                    // Wire answers 204 even for ids it does not know, so handles and externalIds are resolved first
                    // to report a user that is not there.
                    var id = key.Attribute == "id" ? key.Value : (await FindOrFailAsync(provisioner, key, token).ConfigureAwait(false)).Id!;
                    await provisioner.Client.DeleteAsync(id, token).ConfigureAwait(false);
                    return id;
                });
            }
        }

        internal override void OnCompleted(WorkState state, object? result) =>
            WriteVerbose($"{state.Prefix}deleted Wire user {result}. Wire removes it asynchronously: a lookup may still find it for a short while.");
    }
}

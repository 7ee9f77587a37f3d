using System.Collections.Generic;
using System.Management.Automation;

namespace WireScim.Commands
{
    /// <summary>Revokes SCIM tokens: every script using one stops working at once.</summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWireScimTokenCommand : TokenApiCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        private readonly List<string> _ids = new List<string>();

        protected override void ProcessRecord() => _ids.AddRange(Id);

        protected override void EndProcessing()
        {
            var confirmed = _ids.FindAll(id => ShouldProcess($"SCIM token {id} on {Uri}", "Revoke"));
            if (confirmed.Count == 0) return;
            var session = LogIn(needsVersion8: false);
            foreach (var id in confirmed)
            {
                Run(async () => { await session.Client.DeleteTokenAsync(session.Version, session.AccessToken, id, Cancellation).ConfigureAwait(false); return true; }, null);
                WriteVerbose($"Revoked SCIM token {id}.");
            }
        }
    }
}

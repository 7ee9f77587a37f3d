using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// Revokes SCIM tokens: every script using one stops working at once. Tokens piped from Get-WireScimToken bring
    /// their host (-Uri) and are named by name and description in the confirmation; the admin login is asked for
    /// once, after the confirmations, when -Credential is not given.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "WireScimToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveWireScimTokenCommand : TokenApiCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string[] Id { get; set; } = System.Array.Empty<string>();

        /// <summary>The piped token, for its name and description in the confirmation.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        private readonly List<string> _ids = new List<string>();
        private string? _host;

        protected override void ProcessRecord()
        {
            _host ??= Uri;
            if (!string.Equals(_host.TrimEnd('/'), Uri.TrimEnd('/'), System.StringComparison.OrdinalIgnoreCase))
            {
                WriteError(new ErrorRecord(new System.ArgumentException($"This token belongs to {Uri}, the ones before it to {_host}: revoke the tokens of each host with its own Remove-WireScimToken."),
                    ErrorIds.TokensOfSeveralHosts, ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            var piped = InputObject?.BaseObject as Token;
            foreach (var id in Id)
                if (ShouldProcess($"SCIM token {Describe(id, piped)} on {Uri}", "Revoke")) _ids.Add(id);
        }

        protected override void EndProcessing()
        {
            if (_ids.Count == 0) return;
            var session = LogIn(needsVersion8: false);
            foreach (var id in _ids)
            {
                Run(async () => { await session.Client.DeleteTokenAsync(session.Version, session.AccessToken, id, Cancellation).ConfigureAwait(false); return true; }, null);
                WriteVerbose($"Revoked SCIM token {id}.");
            }
        }

        /// <summary>"'HR sync' (Created ... by ..., id 2d6b...)" for a piped token; the id alone when that is all there is.</summary>
        internal static string Describe(string id, Token? token)
        {
            if (token == null || token.Id != id) return id;
            var name = string.IsNullOrEmpty(token.Name) || token.Name == token.Id ? null : token.Name;
            var details = new[] { token.Description, "id " + id }.Where(part => !string.IsNullOrEmpty(part));
            return (name != null ? $"'{name}' " : string.Empty) + $"({string.Join(", ", details)})";
        }
    }
}

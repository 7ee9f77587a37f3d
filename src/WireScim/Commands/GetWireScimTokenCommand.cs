using System.Management.Automation;

namespace WireScim.Commands
{
    /// <summary>Lists the team's SCIM tokens (metadata only; Wire never shows a token again after creation).</summary>
    [Cmdlet(VerbsCommon.Get, "WireScimToken")]
    [OutputType(typeof(Token))]
    public sealed class GetWireScimTokenCommand : TokenApiCmdlet
    {
        protected override void EndProcessing()
        {
            var session = LogIn(needsVersion8: false);
            foreach (var token in Run(() => session.Client.ListTokensAsync(session.Version, session.AccessToken, Cancellation), null))
                WriteObject(token);
        }
    }
}

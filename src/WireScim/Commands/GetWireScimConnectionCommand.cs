using System.Management.Automation;

namespace WireScim.Commands
{
    /// <summary>The session's connection (as Connect-WireScim set it): address, team mode and limits, never the token.</summary>
    [Cmdlet(VerbsCommon.Get, "WireScimConnection")]
    [OutputType(typeof(Connection))]
    public sealed class GetWireScimConnectionCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            if (ConnectionStore.Default is Connection connection) WriteObject(connection);
            else WriteVerbose("Not connected: run Connect-WireScim (or New-WireScimToken -Connect).");
        }
    }
}

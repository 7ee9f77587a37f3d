using System.Management.Automation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsCommunications.Disconnect, "WireScim")]
    [OutputType(typeof(void))]
    public sealed class DisconnectWireScimCommand : PSCmdlet
    {
        protected override void EndProcessing()
        {
            if (ConnectionStore.Default is Connection connection)
            {
                ConnectionStore.Default = null;
                WriteVerbose($"Disconnected from {connection.Uri}.");
            }
        }
    }
}

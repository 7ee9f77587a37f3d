using System;
using System.Management.Automation;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>What every SCIM cmdlet shares: the connection to use, and terminating errors that say what to do.</summary>
    public abstract class WireScimCmdlet : PSCmdlet
    {
        /// <summary>The connection to use instead of the session default (from Connect-WireScim -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public Connection? Connection { get; set; }

        internal Connection ResolveConnection()
        {
            var connection = Connection ?? ConnectionStore.Default;
            if (connection != null) return connection;
            var error = new InvalidOperationException(
                "Not connected to Wire. Run Connect-WireScim -Uri https://<host>/scim/v2 -Token <SecureString> first (New-WireScimToken -Connect does both), or pass -Connection.");
            ThrowTerminatingError(new ErrorRecord(error, "WireScim.NotConnected", ErrorCategory.ConnectionError, null));
            throw error;
        }

        /// <summary>Errors after which no other request can succeed end the command; the rest are per record.</summary>
        internal static bool EndsTheCommand(Exception error) =>
            error is WireScimException wire && wire.Kind is WireScimErrorKind.TokenRejected or WireScimErrorKind.Redirect or WireScimErrorKind.NotSupported;
    }
}

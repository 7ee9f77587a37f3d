using System;
using System.Management.Automation;
using System.Security;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "WireScim")]
    [OutputType(typeof(Connection))]
    public sealed class ConnectWireScimCommand : PSCmdlet
    {
        /// <summary>https://host, https://host/scim or https://host/scim/v2.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("BaseUri", "Url")]
        public string Uri { get; set; } = string.Empty;

        /// <summary>The SCIM bearer token, as SecureString (Read-Host -AsSecureString, Get-Secret, Import-Clixml).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        public SecureString Token { get; set; } = new SecureString();

        [Parameter]
        public TeamMode TeamMode { get; set; }

        /// <summary>Client-side requests per second per path (Wire Cloud: 50). 0 turns client-side limiting off.</summary>
        [Parameter]
        [ValidateRange(0, 100000)]
        public double RequestsPerSecond { get; set; } = 50;

        [Parameter]
        [ValidateRange(1, 10000)]
        public int Burst { get; set; } = 5;

        [Parameter]
        [ValidateRange(1, 100)]
        public int MaxAttempts { get; set; } = 8;

        [Parameter]
        public TimeSpan MaxRetryTime { get; set; } = TimeSpan.FromMinutes(5);

        [Parameter]
        [Alias("TimeoutSec")]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Return the connection object (for -Connection) instead of only setting the session default.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            WireUri address;
            try
            {
                address = WireUri.Parse(Uri);
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, "WireScim.InvalidUri", ErrorCategory.InvalidArgument, Uri));
                return;
            }
            if (Token.Length == 0)
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("The token is empty. Give the SCIM token created with New-WireScimToken (or Wire's team settings)."),
                    "WireScim.EmptyToken", ErrorCategory.InvalidArgument, null));
            var token = Token.Copy();
            token.MakeReadOnly();
            var connection = new Connection(address, token)
            {
                TeamMode = TeamMode, RequestsPerSecond = RequestsPerSecond, Burst = Burst,
                MaxAttempts = MaxAttempts, MaxRetryTime = MaxRetryTime, Timeout = Timeout,
            };
            ConnectionStore.Default = connection;
            WriteVerbose($"Connected to {connection.Uri}; the token is kept as a SecureString for this session.");
            if (PassThru) WriteObject(connection);
        }
    }
}

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
        /// <summary>https://host, https://host/scim or https://host/scim/v2 (pasted resource paths are dropped).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("BaseUri", "Url")]
        public string Uri { get; set; } = string.Empty;

        /// <summary>The SCIM bearer token, as SecureString (Read-Host -AsSecureString, Get-Secret, Import-Clixml) or the object New-WireScimToken returned.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Value")]
        [TokenValueTransformation]
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

        /// <summary>The instance's rich-info limit in characters (spar's richInfoLimit; Wire Cloud: 5000).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int RichInfoLimit { get; set; } = UserValidator.RichInfoLimit;

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

        protected override void ProcessRecord()
        {
            WireUri address;
            try
            {
                address = WireUri.Parse(Uri);
            }
            catch (ArgumentException error)
            {
                // No target: what was typed may hold a password or a query the message leaves out.
                ThrowTerminatingError(new ErrorRecord(error, ErrorIds.InvalidUri, ErrorCategory.InvalidArgument, null));
                return;
            }
            if (address.Note != null) WriteWarning(address.Note);
            SecureString token;
            try
            {
                token = ScimTokenFormat.Check(Token, out var trimmed);
                if (trimmed) WriteVerbose("Removed white space (such as a trailing line break) around the token.");
            }
            catch (ArgumentException error)
            {
                ThrowTerminatingError(new ErrorRecord(error, Token.Length == 0 ? ErrorIds.EmptyToken : ErrorIds.MalformedToken, ErrorCategory.InvalidArgument, null));
                return;
            }
            var connection = new Connection(address, token)
            {
                TeamMode = TeamMode, RequestsPerSecond = RequestsPerSecond, Burst = Burst, RichInfoLimit = RichInfoLimit,
                MaxAttempts = MaxAttempts, MaxRetryTime = MaxRetryTime, Timeout = Timeout,
            };
            ConnectionStore.Default = connection;
            WriteVerbose($"Connected to {connection.Uri}; the token is kept as a SecureString for this session.");
            if (PassThru) WriteObject(connection);
        }
    }
}

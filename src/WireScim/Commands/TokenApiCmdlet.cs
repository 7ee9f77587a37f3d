using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// The token cmdlets: they need a team admin's login (e-mail and password), not a SCIM token.
    /// Each call logs in once; the short-lived access token is kept as SecureString and dropped at the end.
    /// </summary>
    public abstract class TokenApiCmdlet : PSCmdlet, IDisposable
    {
        private WireApiCalls? _calls;

        /// <summary>The Wire host: https://host (a trailing /scim or /scim/v2 is accepted too). Binds from a piped token's Uri.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("BaseUri", "Url")]
        public string Uri { get; set; } = string.Empty;

        /// <summary>The team owner's or admin's e-mail (or handle) and password; asked for once when not given.</summary>
        [Parameter(Position = 1)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>
        /// The login code Wire e-mails when the team requires a second factor (Send-WireScimVerificationCode -Action
        /// Login). A string or a SecureString. At an interactive prompt the cmdlet requests and asks for it itself.
        /// </summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? LoginVerificationCode { get; set; }

        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        internal WireApiCalls Calls => _calls ??= new WireApiCalls(this, Uri);

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends.</summary>
        public void Dispose()
        {
            _calls?.Dispose();
            GC.SuppressFinalize(this);
        }

        internal System.Threading.CancellationToken Cancellation => Calls.Cancellation;

        internal sealed class AdminSession
        {
            public AdminSession(WireAuthClient client, int version, SecureString accessToken, WireUri address, bool secondFactor)
            {
                Client = client;
                Version = version;
                AccessToken = accessToken;
                Address = address;
                SecondFactor = secondFactor;
            }

            public WireAuthClient Client { get; }
            public int Version { get; }
            public SecureString AccessToken { get; }
            public WireUri Address { get; }

            /// <summary>The login needed a code: the team requires a second factor for this account.</summary>
            public bool SecondFactor { get; }
        }

        /// <summary>Parses the address, discovers the API version, logs in. Terminates with a clear error on failure.</summary>
        internal AdminSession LogIn(bool needsVersion8)
        {
            var client = Calls.Connect(Uri, Timeout, out var address);
            if (address.Note != null) WriteWarning(address.Note);
            var credential = AskForCredentialIfMissing(address);
            var versions = Run(() => client.GetApiVersionsAsync(Cancellation), null);
            var version = versions.Max();
            WriteVerbose($"{address.Host} supports API versions {string.Join(", ", versions)}; using {version}.");
            if (needsVersion8 && version < WireAuthClient.NameAndIdpVersion)
                Calls.Fail(new NotSupportedException($"-Name and -IdentityProviderId need Wire API version {WireAuthClient.NameAndIdpVersion} or later; {address.Host} supports up to {version}. Leave them out (the token is then bound to the team's only identity provider, if it has one)."),
                    ErrorIds.ApiVersionTooOld, ErrorCategory.NotImplemented);
            var user = credential.UserName;
            WriteVerbose($"Logging in to {address.Host} as {user}.");
            var code = LoginVerificationCode;
            var accessToken = RunWithCode(code, VerificationAction.Login, client,
                current => client.LoginAsync(user, credential.Password, current, Cancellation), out var usedCode);
            return new AdminSession(client, version, accessToken, address, usedCode != null);
        }

        /// <summary>
        /// -Credential, or the login asked for once at the prompt (as a mandatory parameter would, but only after
        /// -WhatIf and the confirmations, so that piped tokens need neither -Uri nor -Credential typed again).
        /// </summary>
        private PSCredential AskForCredentialIfMissing(WireUri address)
        {
            if (Credential != null && Credential != PSCredential.Empty) return Credential;
            PSCredential? asked = null;
            try
            {
                asked = Host.UI.PromptForCredential("Wire team owner or admin", $"Log in to {address.Host} as a team owner or admin (e-mail address and password).", string.Empty, string.Empty);
            }
            catch (Exception error) when (error is PSInvalidOperationException or NotImplementedException or System.Management.Automation.Host.HostException) { }
            if (asked == null || string.IsNullOrEmpty(asked.UserName))
                Calls.Fail(new ArgumentException("A team owner's or admin's login is needed: give -Credential (Get-Credential), or run at a prompt to be asked for it."),
                    ErrorIds.CredentialRequired, ErrorCategory.AuthenticationError);
            Credential = asked!;
            return asked!;
        }

        /// <summary>
        /// Runs a call that may need a second-factor code. Without one, at an interactive prompt, a
        /// code-authentication-required answer makes the cmdlet request the code, ask for it, and call again once.
        /// </summary>
        internal T RunWithCode<T>(SecureString? code, VerificationAction action, WireAuthClient client, Func<SecureString?, Task<T>> call, out SecureString? usedCode)
        {
            usedCode = code;
            bool mayAsk = code == null && SecondFactorPrompt.CanPrompt(this);
            var result = Calls.Attempt(() => call(code), error => mayAsk && error.Label == "code-authentication-required", null, out var refused);
            if (refused == null) return result!;
            var asked = SecondFactorPrompt.RequestAndRead(this, Calls, client, Credential.UserName, action);
            if (asked == null) Calls.Fail(refused);
            usedCode = asked!;
            return Run(() => call(asked), null);
        }

        /// <summary>Runs one call to Wire and turns its failure into a terminating error (a token command has one object to act on).</summary>
        internal T Run<T>(Func<Task<T>> call, string? errorId) => Calls.Run(call, errorId);

        protected override void StopProcessing() => Calls.Cancel();
    }
}

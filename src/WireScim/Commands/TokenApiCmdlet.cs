using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// The token cmdlets: they need a team admin's login (e-mail and password), not a SCIM token.
    /// Each call logs in once; the short-lived access token is kept as SecureString and dropped at the end.
    /// </summary>
    public abstract class TokenApiCmdlet : PSCmdlet
    {
        /// <summary>The Wire host: https://host (a trailing /scim or /scim/v2 is accepted too). Binds from a piped token's Uri.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("BaseUri", "Url")]
        public string Uri { get; set; } = string.Empty;

        /// <summary>The team owner's or admin's e-mail (or handle) and password; asked for once when not given.</summary>
        [Parameter(Position = 1)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>The six-digit code Wire e-mails when the team requires a second factor for token creation.</summary>
        [Parameter]
        public string? VerificationCode { get; set; }

        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
        private readonly QueuedTrace _trace = new QueuedTrace();

        internal CancellationToken Cancellation => _cancellation.Token;

        internal sealed class AdminSession
        {
            public AdminSession(WireAuthClient client, int version, SecureString accessToken, WireUri address)
            {
                Client = client;
                Version = version;
                AccessToken = accessToken;
                Address = address;
            }

            public WireAuthClient Client { get; }
            public int Version { get; }
            public SecureString AccessToken { get; }
            public WireUri Address { get; }
        }

        /// <summary>Parses the address, discovers the API version, logs in. Terminates with a clear error on failure.</summary>
        internal AdminSession LogIn(bool needsVersion8)
        {
            var address = Run(() => Task.FromResult(WireUri.Parse(Uri)), "WireScim.InvalidUri");
            if (address.Note != null) WriteWarning(address.Note);
            var credential = AskForCredentialIfMissing(address);
            var transport = new HttpTransport(HttpClientProvider.Create(2), Timeout, _trace);
            var client = new WireAuthClient(transport, address);
            var versions = Run(() => client.GetApiVersionsAsync(Cancellation), null);
            var version = versions.Max();
            WriteVerbose($"{address.Host} supports API versions {string.Join(", ", versions)}; using {version}.");
            if (needsVersion8 && version < WireAuthClient.NameAndIdpVersion)
                Fail(new NotSupportedException($"-Name and -IdentityProviderId need Wire API version {WireAuthClient.NameAndIdpVersion} or later; {address.Host} supports up to {version}. Leave them out (the token is then bound to the team's only identity provider, if it has one)."),
                    "WireScim.ApiVersionTooOld", ErrorCategory.NotImplemented);
            var user = credential.UserName;
            WriteVerbose($"Logging in to {address.Host} as {user}.");
            var accessToken = Run(() => client.LoginAsync(user, credential.Password, VerificationCode, Cancellation), null);
            return new AdminSession(client, version, accessToken, address);
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
                Fail(new ArgumentException("A team owner's or admin's login is needed: give -Credential (Get-Credential), or run at a prompt to be asked for it."),
                    "WireScim.CredentialRequired", ErrorCategory.AuthenticationError);
            Credential = asked!;
            return asked!;
        }

        /// <summary>Runs one call to Wire and turns its failure into a terminating error (a token command has one object to act on).</summary>
        internal T Run<T>(Func<Task<T>> call, string? errorId)
        {
            Exception failure;
            try
            {
                return Task.Run(call).GetAwaiter().GetResult();
            }
            catch (Exception error) when (error is WireScimException or ArgumentException or OperationCanceledException)
            {
                failure = error;
            }
            finally
            {
                while (_trace.Lines.TryDequeue(out var line)) WriteDebug(line);
            }
            if (failure is WireScimException wire) ThrowTerminatingError(ErrorRecords.From(wire, Uri));
            if (failure is OperationCanceledException) throw new PipelineStoppedException();
            Fail(failure, errorId ?? "WireScim.InvalidArgument", ErrorCategory.InvalidArgument);
            throw failure;
        }

        // No target for a bad address: what was typed may hold a password or query the message leaves out.
        private void Fail(Exception error, string errorId, ErrorCategory category) =>
            ThrowTerminatingError(new ErrorRecord(error, errorId, category, errorId == "WireScim.InvalidUri" ? null : Uri));

        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>Trace lines from the worker that runs the call, written with WriteDebug once it returns.</summary>
        private sealed class QueuedTrace : ITraceSink
        {
            public readonly System.Collections.Concurrent.ConcurrentQueue<string> Lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            public void Debug(string message) => Lines.Enqueue(message);
        }
    }
}

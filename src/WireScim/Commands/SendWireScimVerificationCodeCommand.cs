using System;
using System.Management.Automation;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>
    /// Asks Wire to e-mail a two-factor code, as Wire's apps do: one for logging in, another for creating a SCIM
    /// token. New-WireScimToken takes them as -LoginVerificationCode and -VerificationCode.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "WireScimVerificationCode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class SendWireScimVerificationCodeCommand : PSCmdlet, IDisposable
    {
        private WireApiCalls? _calls;

        /// <summary>The Wire host: https://host (a trailing /scim or /scim/v2 is accepted too).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [Alias("BaseUri", "Url")]
        public string Uri { get; set; } = string.Empty;

        /// <summary>The e-mail address of the admin's account (also when logging in by handle).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [Alias("Mail", "EmailAddress")]
        public string Email { get; set; } = string.Empty;

        /// <summary>Login, CreateScimToken, or both: each action has a code of its own.</summary>
        [Parameter(Mandatory = true, Position = 2)]
        public VerificationAction[] Action { get; set; } = Array.Empty<VerificationAction>();

        [Parameter]
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

        protected override void EndProcessing()
        {
            _calls = new WireApiCalls(this, Email);
            var email = Email.Trim();
            if (EmailSyntax.Problem(email) is { } reason)
                _calls.Fail(new ArgumentException($"Email '{SafeText.Show(email)}' is not an e-mail address: {reason}. Wire e-mails codes to the account's address, also for accounts that log in by handle."),
                    ErrorIds.InvalidEmail, ErrorCategory.InvalidArgument);
            WireAuthClient? client = null;
            foreach (var action in Action)
            {
                var name = action == VerificationAction.Login ? "login code" : "token-creation code";
                if (!ShouldProcess($"{email} on {Uri}", $"E-mail a {name}")) continue;
                client ??= _calls.Connect(Uri, Timeout, out _);
                _calls.Run(async () => { await client.SendVerificationCodeAsync(email, action, _calls.Cancellation).ConfigureAwait(false); return true; }, null);
                WriteVerbose($"Asked Wire to e-mail a {name} to {email}. Wire answers alike whether or not it sends one: a code comes only when the address belongs to an account whose team requires a second factor. It is valid for 10 minutes; Wire sends at most one per 5 minutes.");
            }
        }

        protected override void StopProcessing() => _calls?.Cancel();

        /// <summary>PowerShell disposes the cmdlet when the pipeline ends.</summary>
        public void Dispose() => _calls?.Dispose();
    }
}

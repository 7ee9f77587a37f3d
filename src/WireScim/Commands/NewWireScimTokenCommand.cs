using System;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using WireScim.Scim;
using WireScim.Validation;

namespace WireScim.Commands
{
    /// <summary>
    /// Creates a SCIM token the way wire_scim_token.py did: log in, re-confirm the password, create. In a team that
    /// requires a second factor, logging in needs a login code and creating the token a second, different code.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WireScimToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "Token")]
    [OutputType(typeof(Token), ParameterSetName = new[] { "Token" })]
    [OutputType(typeof(string), ParameterSetName = new[] { "PlainText" })]
    public sealed class NewWireScimTokenCommand : TokenApiCmdlet
    {
        /// <summary>Free text shown in Team Settings. Default: when, by whom and on which machine it was created.</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>A short name (Wire API version 8 or later).</summary>
        [Parameter]
        public string? Name { get; set; }

        /// <summary>The SAML identity provider to bind the token to (Wire API version 8 or later).</summary>
        [Parameter]
        [Alias("Idp")]
        public string? IdentityProviderId { get; set; }

        /// <summary>
        /// The token-creation code Wire e-mails when the team requires a second factor (Send-WireScimVerificationCode
        /// -Action CreateScimToken); not the login code. A string or a SecureString.
        /// </summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? VerificationCode { get; set; }

        /// <summary>Also make the new token the session's connection (as Connect-WireScim does).</summary>
        [Parameter]
        public SwitchParameter Connect { get; set; }

        /// <summary>Output the token as plain text instead of an object with a SecureString. It is shown this once.</summary>
        [Parameter(ParameterSetName = "PlainText", Mandatory = true)]
        public SwitchParameter AsPlainText { get; set; }

        protected override void EndProcessing()
        {
            var description = Description ?? string.Format(CultureInfo.InvariantCulture, "Created {0:yyyy-MM-dd HH:mm zzz} by {1} on {2} with WireScim",
                DateTimeOffset.Now, Environment.UserName, Environment.MachineName);
            if (!ShouldProcess(Uri, $"Create a SCIM token '{Name ?? description}'")) return;
            var session = LogIn(needsVersion8: !string.IsNullOrEmpty(Name) || !string.IsNullOrEmpty(IdentityProviderId));
            var code = VerificationCode;
            // A login that needed a code means the team requires one for tokens too: ask now, sparing a password check.
            if (code == null && session.SecondFactor && SecondFactorPrompt.CanPrompt(this))
                code = SecondFactorPrompt.RequestAndRead(this, Calls, session.Client, Credential.UserName, VerificationAction.CreateScimToken);
            var token = RunWithCode(code, VerificationAction.CreateScimToken, session.Client,
                current => session.Client.CreateTokenAsync(session.Version, session.AccessToken, Credential.Password, description,
                    Name, IdentityProviderId, current, Cancellation), out _);
            var mode = string.IsNullOrEmpty(token.IdentityProviderId) ? TeamMode.Invitation : TeamMode.SingleSignOn;
            WriteVerbose($"Created SCIM token {token.Id}; users provisioned with it are {(mode == TeamMode.SingleSignOn ? $"SAML single sign-on users of identity provider {token.IdentityProviderId}" : "invited by e-mail")}.");
            if (Connect)
            {
                ConnectionStore.Default = new Connection(session.Address, token.Value!) { TeamMode = mode };
                WriteVerbose($"Connected to {session.Address}.");
            }
            if (AsPlainText)
            {
                WriteWarning("The token is shown this once: Wire never shows it again. Store it in a secret vault now (Set-Secret -Name WireScim -Secret <token>).");
                WriteObject(SecretText.Reveal(token.Value!));
            }
            else
            {
                WriteObject(token);
            }
        }
    }
}

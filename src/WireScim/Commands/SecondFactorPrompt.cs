using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using WireScim.Scim;

namespace WireScim.Commands
{
    /// <summary>
    /// At an interactive prompt, gets a two-factor code the way Wire's apps do: asks Wire to e-mail it, then asks
    /// the admin to type it in (masked). In scripts, scheduled tasks and -NonInteractive sessions it does nothing,
    /// and the command ends with the advice to pass the code as a parameter.
    /// </summary>
    internal static class SecondFactorPrompt
    {
        public static bool CanPrompt(PSCmdlet cmdlet)
        {
            var host = cmdlet.Host;
            if (host?.UI == null || !Environment.UserInteractive) return false;
            // The SDK's host of PowerShell.Create() cannot prompt; a console whose input is a pipe or file would
            // read the code from it. Either way the code request would only use up Wire's 5-minute window.
            if (host.Name == "Default Host" || (host.Name == "ConsoleHost" && Console.IsInputRedirected)) return false;
            // pwsh/powershell -NonInteractive (or any abbreviation down to -noni) refuses prompts.
            return !Environment.GetCommandLineArgs().Any(argument =>
                argument.Length >= 5 && "-noninteractive".StartsWith(argument.ToLowerInvariant(), StringComparison.Ordinal));
        }

        /// <summary>Requests a code for <paramref name="action"/> and prompts for it; null when no code could be read.</summary>
        public static SecureString? RequestAndRead(PSCmdlet cmdlet, WireApiCalls calls, WireAuthClient client, string account, VerificationAction action)
        {
            var name = action == VerificationAction.Login ? "login code" : "token-creation code";
            string message;
            if (account.Contains("@"))
            {
                calls.Attempt(async () => { await client.SendVerificationCodeAsync(account, action, calls.Cancellation).ConfigureAwait(false); return true; },
                    error => error.StatusCode == 429, null, out var refused);
                message = refused == null
                    ? $"Wire has e-mailed a {name} to {account}. Enter it here (it is valid for 10 minutes)."
                    : $"Wire did not send a new {name}: it sends one per account every 5 minutes. Enter the {name} from the e-mail it sent before (valid for 10 minutes).";
                if (refused != null) cmdlet.WriteWarning(refused.Message);
            }
            else
            {
                message = $"Wire e-mails codes only to an address. Request the {name} with Send-WireScimVerificationCode -Email <the account's e-mail> -Action {action}, then enter it here.";
            }
            var field = new FieldDescription(action == VerificationAction.Login ? "LoginVerificationCode" : "VerificationCode")
            {
                Label = char.ToUpperInvariant(name[0]) + name.Substring(1),
                HelpMessage = $"The six-digit {name} from Wire's e-mail.",
                IsMandatory = true,
            };
            field.SetParameterType(typeof(SecureString));
            try
            {
                var answers = cmdlet.Host.UI.Prompt($"Wire two-factor authentication: {name}", message, new Collection<FieldDescription> { field });
                if (answers == null || !answers.TryGetValue(field.Name, out var answer) || answer == null) return null;
                var code = new SecureStringTransformationAttribute().Transform(null!, answer) as SecureString;
                return code == null || code.Length == 0 ? null : code;
            }
            catch (Exception error) when (error is PSInvalidOperationException or HostException or NotImplementedException or PSNotImplementedException)
            {
                cmdlet.WriteVerbose($"Could not prompt for the {name}: {error.Message}");
                return null;
            }
        }
    }
}

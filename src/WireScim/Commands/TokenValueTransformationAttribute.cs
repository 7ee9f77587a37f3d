using System.Management.Automation;
using System.Security;

namespace WireScim.Commands
{
    /// <summary>
    /// Lets -Token take what New-WireScimToken returned (a WireScim.Token) as well as a SecureString, and explains
    /// why plain text is not taken.
    /// </summary>
    internal sealed class TokenValueTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case SecureString secret:
                    return secret;
                case Token { Value: SecureString secret }:
                    return secret;
                case Token:
                    throw new ArgumentTransformationMetadataException(
                        "This token object has no token value: Get-WireScimToken lists tokens' metadata only, since Wire shows a token once, when it is created. Give the object New-WireScimToken returned, or the token as a SecureString (Get-Secret, Import-Clixml, Read-Host -AsSecureString).");
                case string:
                    throw new ArgumentTransformationMetadataException(
                        "The token must be a SecureString, so that it does not sit in the session history and variables as plain text: use Get-Secret, Import-Clixml or Read-Host -AsSecureString (or ConvertTo-SecureString -AsPlainText -Force when the text is already in a variable).");
                default:
                    return inputData;
            }
        }
    }
}

using System;
using System.Globalization;
using System.Security;
using WireScim.Scim;

namespace WireScim.Validation
{
    /// <summary>
    /// Checks a SCIM token before it is used. Wire's tokens are base64 text (44 characters); what goes in an HTTP
    /// header must be visible ASCII. Surrounding white space, such as the line break a file read or a paste leaves
    /// at the end, is removed; any other character a header cannot carry makes the token malformed.
    /// </summary>
    internal static class ScimTokenFormat
    {
        /// <summary>The token without surrounding white space, read-only; <paramref name="trimmed"/> says whether any was removed.</summary>
        /// <exception cref="ArgumentException">Empty, or holds a character a token never has. The message never shows the token.</exception>
        public static SecureString Check(SecureString token, out bool trimmed)
        {
            var plain = SecretText.Reveal(token);
            var inner = plain.Trim();
            trimmed = inner.Length != plain.Length;
            if (inner.Length == 0)
                throw new ArgumentException("The token is empty. Give the SCIM token created with New-WireScimToken (or Wire's team settings).");
            if (SecretText.FirstUnsendable(inner) is (int position, string what))
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture,
                    "The token is malformed: character {0} of {1} is {2}, which a SCIM token never holds (Wire's tokens are 44 characters of base64 text). Copy the token again, or read it with Get-Secret or Import-Clixml rather than from a text file.",
                    position, inner.Length, what));
            return trimmed ? SecretText.Protect(inner) : ReadOnlyCopy(token);
        }

        private static SecureString ReadOnlyCopy(SecureString token)
        {
            var copy = token.Copy();
            copy.MakeReadOnly();
            return copy;
        }
    }
}

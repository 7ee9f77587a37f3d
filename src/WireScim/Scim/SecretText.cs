using System;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security;

namespace WireScim.Scim
{
    /// <summary>Moves secrets between SecureString and the short-lived plain text a request header needs.</summary>
    internal static class SecretText
    {
        public static string Reveal(SecureString secret)
        {
            IntPtr pointer = IntPtr.Zero;
            try
            {
                pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                // With the length, so that a NUL inside the secret is kept (and can be refused) rather than cutting it short.
                return Marshal.PtrToStringUni(pointer, secret.Length) ?? string.Empty;
            }
            finally
            {
                if (pointer != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        /// <summary>
        /// Why a token cannot go into an Authorization header (a line break, a control or non-ASCII character), naming the
        /// position but never the token; null when it can. SCIM tokens are base64 text.
        /// </summary>
        public static string? WhyNotSendable(string token) =>
            FirstUnsendable(token) is (int position, string what)
                ? $"The token has {what} at position {position} of {token.Length}, which an HTTP header cannot carry; SCIM tokens are base64 text. Copy the token again without surrounding line breaks or spaces."
                : null;

        /// <summary>
        /// The first character of <paramref name="token"/> an HTTP header cannot carry (only visible ASCII can), with
        /// its 1-based position and what it is, never the token itself; null when every character can go.
        /// </summary>
        public static (int Position, string What)? FirstUnsendable(string token)
        {
            for (int i = 0; i < token.Length; i++)
            {
                var c = token[i];
                if (c > ' ' && c < 0x7F) continue;
                return (i + 1, Describe(c));
            }
            return null;
        }

        private static string Describe(char c) => c switch
        {
            '\n' or '\r' => "a line break",
            ' ' => "white space (a space)",
            '\t' => "white space (a tab)",
            '\0' => "a NUL character",
            _ when char.IsControl(c) => string.Format(CultureInfo.InvariantCulture, "a control character (U+{0:X4})", (int)c),
            _ => string.Format(CultureInfo.InvariantCulture, "a non-ASCII character (U+{0:X4})", (int)c),
        };

        public static SecureString Protect(string plain)
        {
            var secret = new SecureString();
            foreach (var c in plain) secret.AppendChar(c);
            secret.MakeReadOnly();
            return secret;
        }
    }
}

using System;
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
        public static string? WhyNotSendable(string token)
        {
            for (int i = 0; i < token.Length; i++)
            {
                var c = token[i];
                if (c > ' ' && c < 0x7f) continue;
                var what = c is '\r' or '\n' ? "a line break" : c == ' ' || c == '\t' ? "a space" : c < ' ' || c == 0x7f ? "a control character" : "a non-ASCII character";
                return $"The token has {what} at position {i + 1} of {token.Length}, which an HTTP header cannot carry; SCIM tokens are base64 text. Copy the token again without surrounding line breaks or spaces.";
            }
            return null;
        }

        public static SecureString Protect(string plain)
        {
            var secret = new SecureString();
            foreach (var c in plain) secret.AppendChar(c);
            secret.MakeReadOnly();
            return secret;
        }
    }
}

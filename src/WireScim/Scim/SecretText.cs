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

        public static SecureString Protect(string plain)
        {
            var secret = new SecureString();
            foreach (var c in plain) secret.AppendChar(c);
            secret.MakeReadOnly();
            return secret;
        }
    }
}

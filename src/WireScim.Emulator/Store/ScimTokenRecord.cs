using System.Security.Cryptography;
using System.Text;

namespace WireScim.Emulator.Store;

/// <summary>A SCIM token's metadata; only the SHA-512 hash of the secret is kept.</summary>
internal sealed record ScimTokenRecord(Guid Id, string Hash, DateTimeOffset CreatedAt, Guid? Idp, string Description, string Name)
{
    public static string HashOf(string token) => Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>32 random bytes, base64: 44 characters, may contain + / =.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

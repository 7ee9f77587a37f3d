using System;
using System.Security;

namespace WireScim
{
    /// <summary>A SCIM token's metadata, and the token itself (as SecureString) right after creation. Shown as WireScim.Token.</summary>
    public sealed class Token
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Description { get; set; }
        public DateTime? Created { get; set; }
        public string? IdentityProviderId { get; set; }
        public string? TeamId { get; set; }

        /// <summary>The bearer token, only on the object New-WireScimToken returns; Wire never shows it again.</summary>
        public SecureString? Value { get; set; }

        /// <summary>The Wire host the token belongs to.</summary>
        public string? Uri { get; set; }

        public override string ToString() => $"WireScim token {Id}{(string.IsNullOrEmpty(Name) || Name == Id ? string.Empty : $" ({Name})")}";
    }
}

using System.Collections.Generic;

namespace WireScim.Provisioning
{
    /// <summary>The attribute values last sent for a user; null for an attribute the input did not give.</summary>
    internal sealed class SentValues
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? ExternalId { get; set; }
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
        public string? Role { get; set; }
        public bool? Active { get; set; }
        public Dictionary<string, string>? RichInfo { get; set; }
    }
}

using System.Collections;

namespace WireScim.Validation
{
    /// <summary>User attributes as they arrived (parameters, CSV cells, AD properties), before any rule is applied.</summary>
    internal sealed class UserInput
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? ExternalId { get; set; }
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
        public string? Role { get; set; }

        /// <summary>true/false, 1/0, yes/no, as a bool or as CSV text; null when not given.</summary>
        public object? Active { get; set; }

        /// <summary>Profile fields; null when not given.</summary>
        public IDictionary? RichInfo { get; set; }
    }
}

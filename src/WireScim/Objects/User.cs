using System;
using System.Collections.Specialized;

namespace WireScim
{
    /// <summary>A Wire user as the SCIM API reports it. PowerShell shows it as WireScim.User.</summary>
    public sealed class User
    {
        public string? Id { get; set; }
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? ExternalId { get; set; }
        public string? Email { get; set; }
        public bool Active { get; set; }
        public string? Role { get; set; }
        public string? PreferredLanguage { get; set; }

        /// <summary>
        /// Rich-info profile fields in Wire's order (key -> value, keys unique ignoring case). Written as text, as
        /// Export-Csv does, it reads "Department=Sales; Title=Account Director".
        /// </summary>
        public OrderedDictionary RichInfo { get; set; } = NewRichInfo();
        public DateTime? Created { get; set; }
        public DateTime? LastModified { get; set; }

        // SCIM meta.version and meta.location: protocol detail, kept off the object admins export and read.
        internal string? Version { get; set; }
        internal Uri? Location { get; set; }

        internal static OrderedDictionary NewRichInfo() => new RichInfoFields();

        public User Clone()
        {
            var copy = (User)MemberwiseClone();
            copy.RichInfo = NewRichInfo();
            foreach (System.Collections.DictionaryEntry entry in RichInfo) copy.RichInfo[entry.Key] = entry.Value;
            return copy;
        }

        public override string ToString() => UserName ?? Id ?? string.Empty;
    }
}

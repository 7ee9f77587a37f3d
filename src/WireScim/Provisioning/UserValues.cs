using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace WireScim.Provisioning
{
    /// <summary>
    /// The values an input gives for a user's attributes, already validated; null means "not given, keep what Wire has".
    /// (Not a SCIM PATCH: an update merges these into the user and PUTs the whole user.)
    /// </summary>
    internal sealed class UserValues
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public string? ExternalId { get; set; }
        public string? Email { get; set; }
        public string? PreferredLanguage { get; set; }
        public string? Role { get; set; }
        public bool? Active { get; set; }
        public OrderedDictionary? RichInfo { get; set; }

        /// <summary>The user to create: given attributes, active unless said otherwise.</summary>
        public User ToNewUser()
        {
            var user = new User
            {
                UserName = UserName, DisplayName = DisplayName, ExternalId = ExternalId, Email = Email,
                PreferredLanguage = PreferredLanguage, Role = Role, Active = Active ?? true,
            };
            if (RichInfo != null) foreach (DictionaryEntry field in RichInfo) user.RichInfo[field.Key] = field.Value;
            return user;
        }

        /// <summary>Applies the given attributes to <paramref name="current"/>; returns the merged user and what changed.</summary>
        /// <remarks>
        /// Wire's PUT resets what it is not sent (display name, language, rich info), so the merge starts from the
        /// user as Wire has it. Rich info given here replaces the fields it names and keeps the others.
        /// </remarks>
        public (User Merged, IReadOnlyList<AttributeChange> Changes) ApplyTo(User current)
        {
            var merged = current.Clone();
            var changes = new List<AttributeChange>();
            merged.UserName = Change(UserField.UserName, current.UserName, UserName, changes);
            merged.DisplayName = Change(UserField.DisplayName, current.DisplayName, DisplayName, changes);
            merged.ExternalId = Change(UserField.ExternalId, current.ExternalId, ExternalId, changes);
            merged.Email = Change(UserField.Email, current.Email, Email, changes);
            merged.PreferredLanguage = Change(UserField.PreferredLanguage, current.PreferredLanguage, PreferredLanguage, changes);
            merged.Role = Change(UserField.Role, current.Role, Role, changes);
            if (Active is bool active && active != current.Active)
            {
                changes.Add(new AttributeChange(UserField.Active, current.Active ? "True" : "False", active ? "True" : "False"));
                merged.Active = active;
            }
            if (RichInfo != null)
            {
                foreach (DictionaryEntry field in RichInfo)
                {
                    var key = (string)field.Key;
                    var old = current.RichInfo.Contains(key) ? current.RichInfo[key] as string : null;
                    var value = field.Value as string;
                    if (string.Equals(old, value, StringComparison.Ordinal)) continue;
                    changes.Add(new AttributeChange(UserField.RichInfo, old, value, key));
                    if (string.IsNullOrEmpty(value)) merged.RichInfo.Remove(key);
                    else merged.RichInfo[key] = value;
                }
            }
            return (merged, changes);
        }

        private static string? Change(UserField attribute, string? current, string? given, List<AttributeChange> changes)
        {
            if (given == null || string.Equals(current, given, StringComparison.Ordinal)) return current;
            changes.Add(new AttributeChange(attribute, current, given));
            return given;
        }

        /// <summary>Whether <paramref name="existing"/> is the user this patch would create (same handle and externalId, and name when given).</summary>
        public bool DescribesSameUser(User existing) =>
            string.Equals(existing.UserName, UserName, StringComparison.Ordinal)
            && string.Equals(existing.ExternalId, ExternalId, StringComparison.Ordinal)
            && (DisplayName == null || string.Equals(existing.DisplayName, DisplayName, StringComparison.Ordinal));
    }
}

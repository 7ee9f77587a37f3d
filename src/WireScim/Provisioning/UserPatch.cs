using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Linq;

namespace WireScim.Provisioning
{
    /// <summary>One attribute that differs: what Wire has, and what it gets.</summary>
    public sealed class AttributeChange
    {
        public AttributeChange(string attribute, string? oldValue, string? newValue)
        {
            Attribute = attribute;
            OldValue = oldValue;
            NewValue = newValue;
        }

        public string Attribute { get; }
        public string? OldValue { get; }
        public string? NewValue { get; }
        public override string ToString() => $"{Attribute}: '{OldValue}' -> '{NewValue}'";
    }

    /// <summary>The attributes an input gives, already validated; null means "not given, keep what Wire has".</summary>
    public sealed class UserPatch
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
            merged.UserName = Change("UserName", current.UserName, UserName, changes);
            merged.DisplayName = Change("DisplayName", current.DisplayName, DisplayName, changes);
            merged.ExternalId = Change("ExternalId", current.ExternalId, ExternalId, changes);
            merged.Email = Change("Email", current.Email, Email, changes);
            merged.PreferredLanguage = Change("PreferredLanguage", current.PreferredLanguage, PreferredLanguage, changes);
            merged.Role = Change("Role", current.Role, Role, changes);
            if (Active is bool active && active != current.Active)
            {
                changes.Add(new AttributeChange("Active", current.Active ? "True" : "False", active ? "True" : "False"));
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
                    changes.Add(new AttributeChange("RichInfo." + key, old, value));
                    if (string.IsNullOrEmpty(value)) merged.RichInfo.Remove(key);
                    else merged.RichInfo[key] = value;
                }
            }
            return (merged, changes);
        }

        private static string? Change(string attribute, string? current, string? given, List<AttributeChange> changes)
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

using System;
using System.Collections;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using WireScim.Scim;

namespace WireScim.Provisioning
{
    /// <summary>What differs between a row and what the sync last sent, and how to send it with one PATCH.</summary>
    internal static class SyncDiff
    {
        private const string RichInfoPathPrefix = "urn:ietf:params:scim:schemas:extension:wire:1.0:User:";

        /// <summary>Wire's attribute-name grammar for PATCH paths; other rich-info keys (e.g. "Favorite color") need a PUT.</summary>
        private static readonly Regex PatchableKey = new Regex("^[A-Za-z][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant);

        /// <summary>The attributes the row gives that differ from the values last sent (attributes the row omits are kept).</summary>
        public static List<AttributeChange> Compare(UserValues desired, SentValues sent)
        {
            var changes = new List<AttributeChange>();
            Text(UserField.UserName, sent.UserName, desired.UserName, changes);
            Text(UserField.DisplayName, sent.DisplayName, desired.DisplayName, changes);
            Text(UserField.ExternalId, sent.ExternalId, desired.ExternalId, changes);
            Text(UserField.Email, sent.Email, desired.Email, changes);
            Text(UserField.PreferredLanguage, sent.PreferredLanguage, desired.PreferredLanguage, changes);
            Text(UserField.Role, sent.Role, desired.Role, changes);
            if (desired.Active is bool active && active != (sent.Active ?? true))
                changes.Add(new AttributeChange(UserField.Active, (sent.Active ?? true) ? "True" : "False", active ? "True" : "False"));
            if (desired.RichInfo != null)
            {
                foreach (DictionaryEntry field in desired.RichInfo)
                {
                    var key = (string)field.Key;
                    string? old = null;
                    if (sent.RichInfo != null) foreach (var pair in sent.RichInfo) if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase)) old = pair.Value;
                    var value = field.Value as string;
                    if (string.IsNullOrEmpty(old) && string.IsNullOrEmpty(value)) continue;
                    if (!string.Equals(old, value, StringComparison.Ordinal)) changes.Add(new AttributeChange(UserField.RichInfo, old, value, key));
                }
            }
            return changes;
        }

        private static void Text(UserField attribute, string? sent, string? given, List<AttributeChange> changes)
        {
            if (given != null && !string.Equals(sent, given, StringComparison.Ordinal)) changes.Add(new AttributeChange(attribute, sent, given));
        }

        /// <summary>The values to remember after <paramref name="desired"/> was sent: the row's, and the earlier ones it omits.</summary>
        public static SentValues Remember(UserValues desired, SentValues? previous)
        {
            var sent = new SentValues
            {
                UserName = desired.UserName ?? previous?.UserName,
                DisplayName = desired.DisplayName ?? previous?.DisplayName,
                ExternalId = desired.ExternalId ?? previous?.ExternalId,
                Email = desired.Email ?? previous?.Email,
                PreferredLanguage = desired.PreferredLanguage ?? previous?.PreferredLanguage,
                Role = desired.Role ?? previous?.Role,
                Active = desired.Active ?? previous?.Active,
            };
            if (desired.RichInfo != null || previous?.RichInfo != null)
            {
                var rich = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (previous?.RichInfo != null) foreach (var pair in previous.RichInfo) rich[pair.Key] = pair.Value;
                if (desired.RichInfo != null)
                {
                    foreach (DictionaryEntry field in desired.RichInfo)
                    {
                        var value = field.Value as string;
                        if (string.IsNullOrEmpty(value)) rich.Remove((string)field.Key);
                        else rich[(string)field.Key] = value!;
                    }
                }
                sent.RichInfo = rich;
            }
            return sent;
        }

        /// <summary>One PATCH that makes the changes, or null when one of them cannot be patched (Email, language, some rich-info keys).</summary>
        public static List<ScimPatchOperation>? ToPatch(IReadOnlyList<AttributeChange> changes)
        {
            var operations = new List<ScimPatchOperation>();
            foreach (var change in changes)
            {
                switch (change.Attribute)
                {
                    case UserField.UserName: operations.Add(ScimPatchOperation.Replace("userName", change.NewValue!)); break;
                    case UserField.DisplayName: operations.Add(ScimPatchOperation.Replace("displayName", change.NewValue!)); break;
                    case UserField.ExternalId: operations.Add(ScimPatchOperation.Replace("externalId", change.NewValue!)); break;
                    case UserField.Active: operations.Add(ScimPatchOperation.Replace("active", change.NewValue == "True")); break;
                    case UserField.Role: operations.Add(ScimPatchOperation.Replace("roles", new[] { change.NewValue! })); break;
                    default:
                        if (change.Attribute != UserField.RichInfo) return null;
                        var key = change.Field!;
                        if (!PatchableKey.IsMatch(key)) return null;
                        operations.Add(string.IsNullOrEmpty(change.NewValue)
                            ? ScimPatchOperation.Remove(RichInfoPathPrefix + key)
                            : ScimPatchOperation.Replace(RichInfoPathPrefix + key, change.NewValue!));
                        break;
                }
            }
            return operations;
        }
    }
}
